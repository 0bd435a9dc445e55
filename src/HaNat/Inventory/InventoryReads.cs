using Amazon.EC2;
using HaNat.Aws;
using HaNat.Aws.Ec2;
using HaNat.Routing;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Inventory
{
    /// <summary>
    /// The describe calls of an inventory (Get-HaNatVpc, Remove-HaNatVpc), through the EC2 layer, as the inventory's
    /// records. One call answers for any number of VPCs: the VPC ids go into one filter.
    /// </summary>
    internal sealed class InventoryReads
    {
        private readonly Ec2Reads _reads;

        public InventoryReads(IAmazonEC2 ec2, AwsSession session) => _reads = new Ec2Reads(ec2, session);

        public async Task<List<FoundVpc>> VpcsAsync(List<Filter> filters) =>
            (await _reads.VpcsAsync(filters).ConfigureAwait(false)).Select(v => new FoundVpc(v.Id, v.CidrBlock!, v.Tags)).ToList();

        public async Task<List<FoundSubnet>> SubnetsAsync(List<Filter> filters) =>
            (await _reads.SubnetsAsync(filters).ConfigureAwait(false))
            .Select(s => new FoundSubnet(s.Id, s.VpcId!, s.AvailabilityZone, s.CidrBlock, s.Tags)).ToList();

        public async Task<List<FoundRouteTable>> RouteTablesAsync(List<Filter> filters) =>
            (await _reads.RouteTablesAsync(filters).ConfigureAwait(false))
            .Select(t => new FoundRouteTable(t.Id, t.VpcId!, t.IsMain, t.SubnetAssociations.Select(a => (a.Id!, a.SubnetId!)), t.Tags,
                RouteReading.Table(t).DefaultRoute)).ToList();

        public async Task<List<FoundNatGateway>> NatGatewaysAsync(List<Filter> filters) =>
            (await _reads.NatGatewaysAsync(filters).ConfigureAwait(false)).Select(g => new FoundNatGateway(g.Id, g.State, g.Tags)).ToList();

        public async Task<List<FoundSecurityGroup>> SecurityGroupsAsync(List<Filter> filters) =>
            (await _reads.SecurityGroupsAsync(filters).ConfigureAwait(false)).Select(g => new FoundSecurityGroup(g.Id, g.Name, g.VpcId, g.Tags)).ToList();

        public async Task<List<FoundInternetGateway>> InternetGatewaysAsync(List<Filter> filters) =>
            (await _reads.InternetGatewaysAsync(filters).ConfigureAwait(false)).Select(g => new FoundInternetGateway(g.Id, g.AttachedVpcIds, g.Tags)).ToList();

        public async Task<List<FoundAddress>> AddressesAsync(List<Filter> filters) =>
            (await _reads.AddressesAsync(filters).ConfigureAwait(false)).Select(a => new FoundAddress(a.AllocationId, a.PublicIp, a.AssociationId, a.Tags, a.InstanceId)).ToList();

        public async Task<List<FoundInstance>> InstancesAsync(List<Filter> filters) =>
            (await _reads.InstancesAsync(filters).ConfigureAwait(false)).Select(i => new FoundInstance(i.Id, i.State, i.Tags)).ToList();

        public async Task<List<FoundInterface>> NetworkInterfacesAsync(List<Filter> filters) =>
            (await _reads.NetworkInterfacesAsync(filters).ConfigureAwait(false))
            .Select(n => new FoundInterface(n.Id, n.InstanceId, n.InterfaceType, n.Description, n.Tags)).ToList();

        public async Task<List<FoundPeering>> PeeringsAsync(List<Filter> filters) =>
            (await _reads.PeeringConnectionsAsync(filters).ConfigureAwait(false))
            .Select(p => new FoundPeering(p.Id, p.Status, p.RequesterVpcId, p.AccepterVpcId, p.Tags,
                Ec2Map.NullIfEmpty(p.RequesterRegion), Ec2Map.NullIfEmpty(p.AccepterRegion))).ToList();

        public async Task<List<FoundResource>> LaunchTemplatesAsync(List<Filter> filters) =>
            (await _reads.LaunchTemplatesAsync(filters).ConfigureAwait(false)).Select(t => new FoundResource(t.Id, t.Tags, t.Name)).ToList();
    }
}
