using Amazon.EC2;
using HaNat.Aws;
using HaNat.Aws.Ec2;
using static HaNat.Aws.Ec2.Ec2Reads;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Peering
{
    /// <summary>
    /// What Connect-/Disconnect-HaNatVpc read in one region, through the EC2 layer, as peering's own records. The
    /// -Verbose line names the region: a peering reads two.
    /// </summary>
    internal sealed class PeeringReads
    {
        private readonly Ec2Reads _reads;
        private readonly string _region;

        public PeeringReads(IAmazonEC2 ec2, AwsSession session)
        {
            _reads = new Ec2Reads(ec2, session);
            _region = session.Region;
        }

        /// <summary>A VPC with every associated IPv4 block and its tags; null when EC2 does not know it.</summary>
        public async Task<PeeringVpc?> DescribePeeringVpcAsync(string vpcId)
        {
            var vpcs = await _reads.VpcsAsync(new List<Filter> { By("vpc-id", vpcId) }, $"vpc-id={vpcId} ({_region})").ConfigureAwait(false);
            var vpc = vpcs.FirstOrDefault(v => v.Id == vpcId);
            return vpc == null ? null : ToPeeringVpc(vpc, _region);
        }

        /// <summary>Every route table of the VPC with all its IPv4 routes: peering looks past the default route.</summary>
        public async Task<IReadOnlyList<PeeringRouteTable>> DescribePeeringRouteTablesAsync(string vpcId)
        {
            var tables = await _reads.RouteTablesAsync(new List<Filter> { By("vpc-id", vpcId) }, $"vpc-id={vpcId} ({_region})").ConfigureAwait(false);
            return tables.Where(t => t.VpcId == null || t.VpcId == vpcId)
                .Select(t => new PeeringRouteTable(t.Id, vpcId, t.Routes.Select(ToPeeringRoute).Where(r => r != null).Select(r => r!), t.Tags))
                .ToArray();
        }

        /// <summary>
        /// The peering connections between two VPCs in either direction and in any state. The server-side filters
        /// narrow the answer; the check on this side keeps only the pair (an endpoint may ignore filters).
        /// </summary>
        public async Task<IReadOnlyList<PeeringConnectionInfo>> DescribePeeringConnectionsAsync(string vpcId, string otherVpcId)
        {
            var both = new List<string> { vpcId, otherVpcId };
            var filters = new List<Filter> { By("requester-vpc-info.vpc-id", both), By("accepter-vpc-info.vpc-id", both) };
            var found = await _reads.PeeringConnectionsAsync(filters, $"between {vpcId} and {otherVpcId} ({_region})").ConfigureAwait(false);
            return found.Select(ToPeeringConnection).Where(c => c.Joins(vpcId, otherVpcId)).ToArray();
        }

        /// <summary>One peering connection by id; null while EC2 does not know it yet (it is eventually consistent).</summary>
        public async Task<PeeringConnectionInfo?> DescribePeeringConnectionAsync(string peeringConnectionId)
        {
            try
            {
                var found = await _reads.PeeringConnectionsByIdAsync(new List<string> { peeringConnectionId }, $"{peeringConnectionId} ({_region})")
                    .ConfigureAwait(false);
                var connection = found.FirstOrDefault(c => c.Id == peeringConnectionId);
                return connection == null ? null : ToPeeringConnection(connection);
            }
            catch (AwsCallException ex) when (ex.Kind == HaNatErrorKind.ObjectNotFound)
            {
                return null;
            }
        }

        public static PeeringVpc ToPeeringVpc(Ec2Vpc vpc, string region)
        {
            var blocks = vpc.AssociatedCidrBlocks.Where(b => !string.IsNullOrEmpty(b)).Select(b => b!).ToList();
            // The primary block first, as EC2 lists it in CidrBlock.
            if (!string.IsNullOrEmpty(vpc.CidrBlock))
            {
                blocks.Remove(vpc.CidrBlock!);
                blocks.Insert(0, vpc.CidrBlock!);
            }
            return new PeeringVpc(vpc.Id, region, blocks, vpc.Tags);
        }

        /// <summary>An IPv4 route; null for IPv6 and prefix-list routes, which peering by CIDR never writes.</summary>
        public static PeeringRoute? ToPeeringRoute(Ec2Route route)
        {
            if (string.IsNullOrEmpty(route.DestinationCidrBlock)) return null;
            var target = Routing.RouteReading.DefaultRoute(route);
            return new PeeringRoute(route.DestinationCidrBlock!, target.TargetId, Ec2Map.NullIfEmpty(route.VpcPeeringConnectionId), target.Blackhole);
        }

        public static PeeringConnectionInfo ToPeeringConnection(Ec2PeeringConnection connection) => new PeeringConnectionInfo(
            connection.Id,
            connection.RequesterVpcId ?? string.Empty,
            connection.RequesterRegion ?? string.Empty,
            connection.AccepterVpcId ?? string.Empty,
            connection.AccepterRegion ?? string.Empty,
            connection.Status,
            connection.Tags);
    }
}
