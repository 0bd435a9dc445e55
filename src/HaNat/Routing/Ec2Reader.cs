using Amazon.EC2;
using HaNat.Aws;
using HaNat.Aws.Ec2;
using HaNat.Tagging;
using static HaNat.Aws.Ec2.Ec2Reads;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Routing
{
    /// <summary>
    /// The reads of a takeover, a routing audit and the monitor, through the EC2 layer (<see cref="Ec2Reads"/>), as
    /// the records their planners take (<see cref="VpcSnapshot"/>'s parts). No SDK type comes out.
    /// </summary>
    internal sealed class Ec2Reader
    {
        private readonly Ec2Reads _reads;

        public Ec2Reader(IAmazonEC2 ec2, AwsSession session) => _reads = new Ec2Reads(ec2, session);

        /// <summary>Instances by id; ids EC2 does not know are simply absent (a filter, not InstanceIds, so no NotFound).</summary>
        public async Task<IReadOnlyList<InstanceInfo>> DescribeInstancesAsync(IEnumerable<string> instanceIds)
        {
            var ids = instanceIds.Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0) return Array.Empty<InstanceInfo>();
            var found = await _reads.InstancesAsync(new List<Filter> { By("instance-id", ids) }, "instance-id=" + string.Join(",", ids)).ConfigureAwait(false);
            return found.Select(RouteReading.Instance).ToArray();
        }

        public async Task<IReadOnlyList<SubnetInfo>> DescribePrivateSubnetsAsync(string vpcId, PrivateSubnetTag tag, string? availabilityZone)
        {
            var filters = new List<Filter> { By("vpc-id", vpcId), By("tag:" + tag.Key, tag.Value), By("state", "available") };
            if (availabilityZone != null) filters.Add(By("availability-zone", availabilityZone));
            var subnets = await _reads.SubnetsAsync(filters,
                $"vpc-id={vpcId} tag:{tag}" + (availabilityZone != null ? " availability-zone=" + availabilityZone : "")).ConfigureAwait(false);
            return subnets.Select(s => new SubnetInfo(s.Id, s.AvailabilityZone, s.CidrBlock, s.Tags)).ToArray();
        }

        /// <summary>The availability zones the VPC has a subnet in, whatever the subnet's tags or state.</summary>
        public async Task<IReadOnlyList<string>> DescribeVpcZonesAsync(string vpcId)
        {
            var subnets = await _reads.SubnetsAsync(new List<Filter> { By("vpc-id", vpcId) }, "vpc-id=" + vpcId).ConfigureAwait(false);
            return new SortedSet<string>(subnets.Where(s => s.VpcId == null || s.VpcId == vpcId).Select(s => s.AvailabilityZone), StringComparer.Ordinal).ToArray();
        }

        /// <summary>Every route table of the VPC: one call answers for the main table and every association.</summary>
        public async Task<IReadOnlyList<RouteTableInfo>> DescribeRouteTablesAsync(string vpcId)
        {
            var tables = await _reads.RouteTablesAsync(new List<Filter> { By("vpc-id", vpcId) }, "vpc-id=" + vpcId).ConfigureAwait(false);
            return tables.Select(RouteReading.Table).ToArray();
        }

        /// <summary>The Elastic IPs that HaNat tagged for one zone of one VPC.</summary>
        public async Task<IReadOnlyList<AddressInfo>> DescribeZoneAddressesAsync(string vpcId, string availabilityZone)
        {
            var filters = new List<Filter> { By("tag:" + HaNatTags.VpcId, vpcId), By("tag:" + HaNatTags.Zone, availabilityZone), By("domain", "vpc") };
            var addresses = await _reads.AddressesAsync(filters, $"tag:{HaNatTags.VpcId}={vpcId} tag:{HaNatTags.Zone}={availabilityZone}").ConfigureAwait(false);
            return addresses.Select(a => new AddressInfo(a.AllocationId, a.PublicIp, a.InstanceId)).ToArray();
        }

        /// <summary>The VPC's NAT gateways, whatever their state (a deleted one stays listed for about an hour).</summary>
        public async Task<IReadOnlyList<NatGatewayInfo>> DescribeNatGatewaysAsync(string vpcId)
        {
            var gateways = await _reads.NatGatewaysAsync(new List<Filter> { By("vpc-id", vpcId) }, "vpc-id=" + vpcId).ConfigureAwait(false);
            return gateways.Select(g => new NatGatewayInfo(g.Id, g.State, g.SubnetId)).ToArray();
        }

        /// <summary>The VPC's CIDR blocks, or null when EC2 does not know the VPC.</summary>
        public async Task<IReadOnlyList<string>?> DescribeVpcCidrsAsync(string vpcId)
        {
            var vpc = await DescribeVpcAsync(vpcId).ConfigureAwait(false);
            if (vpc == null) return null;
            var blocks = vpc.AssociatedCidrBlocks.Select(b => b!).ToList();
            if (blocks.Count == 0 && !string.IsNullOrEmpty(vpc.CidrBlock)) blocks.Add(vpc.CidrBlock!);
            return blocks;
        }

        /// <summary>
        /// The VPC's running HaNat NATs (tag hanat:managed=true): the monitor needs their private addresses and zones,
        /// which <see cref="InstanceInfo"/> does not carry.
        /// </summary>
        public async Task<IReadOnlyList<Ec2Instance>> DescribeRunningManagedInstancesAsync(string vpcId)
        {
            var filters = new List<Filter>
            {
                By("vpc-id", vpcId), By("tag:" + HaNatTags.Managed, HaNatTags.ManagedValue), By("instance-state-name", "running"),
            };
            return await _reads.InstancesAsync(filters,
                $"vpc-id={vpcId} tag:{HaNatTags.Managed}={HaNatTags.ManagedValue} instance-state-name=running").ConfigureAwait(false);
        }

        /// <summary>A VPC's tags, or null when EC2 does not know the VPC.</summary>
        public async Task<IReadOnlyDictionary<string, string>?> DescribeVpcTagsAsync(string vpcId) =>
            (await DescribeVpcAsync(vpcId).ConfigureAwait(false))?.Tags;

        private async Task<Ec2Vpc?> DescribeVpcAsync(string vpcId) =>
            (await _reads.VpcsAsync(new List<Filter> { By("vpc-id", vpcId) }, "vpc-id=" + vpcId).ConfigureAwait(false)).FirstOrDefault();
    }
}
