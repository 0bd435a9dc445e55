using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>Reads the VPC's running HaNat NATs and its private routes: three describe calls, run together.</summary>
    internal sealed class PeerDirectory
    {
        private readonly Ec2Reader _reader;
        private readonly string _vpcId;
        private readonly PrivateSubnetTag _tag;

        public PeerDirectory(Ec2Reader reader, string vpcId, PrivateSubnetTag tag)
        {
            _reader = reader;
            _vpcId = vpcId;
            _tag = tag;
        }

        public async Task<DirectoryRead> ReadAsync(double startedAt)
        {
            var instances = _reader.DescribeRunningManagedInstancesAsync(_vpcId);
            var subnets = _reader.DescribePrivateSubnetsAsync(_vpcId, _tag, null);
            var tables = _reader.DescribeRouteTablesAsync(_vpcId);
            await Task.WhenAll(instances, subnets, tables).ConfigureAwait(false);
            var nats = instances.Result
                .Select(i => new PeerListing(i.Id, i.AvailabilityZone ?? "", i.PrivateIpAddress))
                .ToList();
            var owners = RouteOwnership.Compute(new VpcSnapshot(_vpcId, subnets.Result, tables.Result));
            return new DirectoryRead(nats, owners, startedAt);
        }
    }
}
