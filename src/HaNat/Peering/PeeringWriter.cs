using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>The EC2 writes peering makes in one region, each through <see cref="AwsCall"/> for -Verbose and errors.</summary>
    internal sealed class PeeringWriter(IAmazonEC2 ec2, AwsSession session)
    {
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly AwsSession _session = session;

        /// <summary>Requests a connection from <paramref name="vpcId"/> to the peer, tagged as HaNat's as it is made.</summary>
        public async Task<string> CreatePeeringAsync(string vpcId, string peerVpcId, string peerRegion, string name)
        {
            var request = new CreateVpcPeeringConnectionRequest
            {
                VpcId = vpcId,
                PeerVpcId = peerVpcId,
                // Only a cross-region request names the region; the same region is EC2's default.
                PeerRegion = peerRegion == _session.Region ? null : peerRegion,
                TagSpecifications = new List<TagSpecification>
                {
                    new TagSpecification
                    {
                        ResourceType = ResourceType.VpcPeeringConnection,
                        Tags = new List<Tag>
                        {
                            new Tag("Name", name),
                            new Tag(HaNatTags.Managed, HaNatTags.ManagedValue),
                        },
                    },
                },
            };
            var response = await _session.Call("EC2", "CreateVpcPeeringConnection",
                $"{vpcId} -> {peerVpcId} ({peerRegion}) Name={name}",
                ct => _ec2.CreateVpcPeeringConnectionAsync(request, ct)).ConfigureAwait(false);
            return response.VpcPeeringConnection.VpcPeeringConnectionId;
        }

        public Task AcceptPeeringAsync(string peeringConnectionId) =>
            _session.Call("EC2", "AcceptVpcPeeringConnection", $"{peeringConnectionId} ({_session.Region})",
                ct => _ec2.AcceptVpcPeeringConnectionAsync(
                    new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId }, ct));

        public Task DeletePeeringAsync(string peeringConnectionId) =>
            _session.Call("EC2", "DeleteVpcPeeringConnection", $"{peeringConnectionId} ({_session.Region})",
                ct => _ec2.DeleteVpcPeeringConnectionAsync(
                    new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId }, ct));

        public Task CreateRouteAsync(string routeTableId, string destinationCidr, string peeringConnectionId) =>
            _session.Call("EC2", "CreateRoute", $"{routeTableId} {destinationCidr} -> {peeringConnectionId}",
                ct => _ec2.CreateRouteAsync(new CreateRouteRequest
                {
                    RouteTableId = routeTableId,
                    DestinationCidrBlock = destinationCidr,
                    VpcPeeringConnectionId = peeringConnectionId,
                }, ct));

        public Task ReplaceRouteAsync(string routeTableId, string destinationCidr, string peeringConnectionId) =>
            _session.Call("EC2", "ReplaceRoute", $"{routeTableId} {destinationCidr} -> {peeringConnectionId}",
                ct => _ec2.ReplaceRouteAsync(new ReplaceRouteRequest
                {
                    RouteTableId = routeTableId,
                    DestinationCidrBlock = destinationCidr,
                    VpcPeeringConnectionId = peeringConnectionId,
                }, ct));

        public Task DeleteRouteAsync(string routeTableId, string destinationCidr) =>
            _session.Call("EC2", "DeleteRoute", $"{routeTableId} {destinationCidr}",
                ct => _ec2.DeleteRouteAsync(new DeleteRouteRequest
                {
                    RouteTableId = routeTableId,
                    DestinationCidrBlock = destinationCidr,
                }, ct));
    }
}
