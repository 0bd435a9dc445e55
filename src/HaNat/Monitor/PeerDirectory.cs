using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using HaNat.Aws;
using HaNat.Model;

namespace HaNat.Monitor
{
    /// <summary>One read of the VPC's NATs and of who serves each zone.</summary>
    internal sealed class DirectoryRead
    {
        public DirectoryRead(IReadOnlyList<PeerListing> nats, IReadOnlyDictionary<string, string?> routeOwners, double readAt)
        {
            Nats = nats;
            RouteOwners = routeOwners;
            ReadAt = readAt;
        }

        /// <summary>Every running HaNat NAT of the VPC, this one included.</summary>
        public IReadOnlyList<PeerListing> Nats { get; }
        public IReadOnlyDictionary<string, string?> RouteOwners { get; }
        /// <summary>When the read started (seconds on the monitor's clock): what it says is at least that fresh.</summary>
        public double ReadAt { get; }
    }

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
