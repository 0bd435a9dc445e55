using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;

namespace HaNat.Topology.Build
{
    /// <summary>
    /// The EC2 describe calls of an inventory, each taking the filters to send and returning HaNat's plain records
    /// of every page. One call answers for any number of VPCs: the VPC ids go into one filter.
    /// </summary>
    internal sealed class Ec2InventoryReads
    {
        private readonly IAmazonEC2 _ec2;
        private readonly AwsSession _session;

        public Ec2InventoryReads(IAmazonEC2 ec2, AwsSession session)
        {
            _ec2 = ec2;
            _session = session;
        }

        public static Filter By(string name, params string[] values) => new Filter(name, values.ToList());

        public static Filter By(string name, List<string> values) => new Filter(name, values);

        public Task<List<FoundVpc>> VpcsAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeVpcs", Detail(filters),
                    ct => _ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.Vpcs?.Select(v => new FoundVpc(v.VpcId, v.CidrBlock, Ec2Reader.TagsOf(v.Tags))), r => r.NextToken);

        public Task<List<FoundSubnet>> SubnetsAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeSubnets", Detail(filters),
                    ct => _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.Subnets?.Select(s => new FoundSubnet(s.SubnetId, s.VpcId, s.AvailabilityZone, s.CidrBlock, Ec2Reader.TagsOf(s.Tags))), r => r.NextToken);

        public Task<List<FoundRouteTable>> RouteTablesAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeRouteTables", Detail(filters),
                    ct => _ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.RouteTables?.Select(ToFound), r => r.NextToken);

        public Task<List<FoundSecurityGroup>> SecurityGroupsAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeSecurityGroups", Detail(filters),
                    ct => _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.SecurityGroups?.Select(g => new FoundSecurityGroup(g.GroupId, g.GroupName, g.VpcId, Ec2Reader.TagsOf(g.Tags))), r => r.NextToken);

        public Task<List<FoundInternetGateway>> InternetGatewaysAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeInternetGateways", Detail(filters),
                    ct => _ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = filters, NextToken = token }, ct)),
                r => r.InternetGateways?.Select(g => new FoundInternetGateway(g.InternetGatewayId,
                    (g.Attachments ?? new List<InternetGatewayAttachment>()).Select(a => a.VpcId).Where(v => !string.IsNullOrEmpty(v)),
                    Ec2Reader.TagsOf(g.Tags))), r => r.NextToken);

        /// <summary>DescribeAddresses does not page: one call returns every match.</summary>
        public async Task<List<FoundAddress>> AddressesAsync(List<Filter> filters)
        {
            var response = await _session.Call("EC2", "DescribeAddresses", Detail(filters),
                ct => _ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = filters }, ct)).ConfigureAwait(false);
            return (response.Addresses ?? new List<Address>())
                .Select(a => new FoundAddress(a.AllocationId, a.PublicIp, string.IsNullOrEmpty(a.AssociationId) ? null : a.AssociationId, Ec2Reader.TagsOf(a.Tags)))
                .ToList();
        }

        public Task<List<FoundInstance>> InstancesAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeInstances", Detail(filters),
                    ct => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.Reservations?.SelectMany(v => v.Instances ?? new List<Instance>())
                    .Select(i => new FoundInstance(i.InstanceId, i.State?.Name?.Value ?? "unknown", Ec2Reader.TagsOf(i.Tags))), r => r.NextToken);

        public Task<List<FoundInterface>> NetworkInterfacesAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeNetworkInterfaces", Detail(filters),
                    ct => _ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.NetworkInterfaces?.Select(n => new FoundInterface(n.NetworkInterfaceId,
                    string.IsNullOrEmpty(n.Attachment?.InstanceId) ? null : n.Attachment!.InstanceId,
                    n.InterfaceType?.Value ?? "interface", n.Description, Ec2Reader.TagsOf(n.TagSet))), r => r.NextToken);

        public Task<List<FoundPeering>> PeeringsAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeVpcPeeringConnections", Detail(filters),
                    ct => _ec2.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.VpcPeeringConnections?.Select(p => new FoundPeering(p.VpcPeeringConnectionId, p.Status?.Code?.Value ?? "unknown",
                    p.RequesterVpcInfo?.VpcId, p.AccepterVpcInfo?.VpcId, Ec2Reader.TagsOf(p.Tags),
                    NullIfEmpty(p.RequesterVpcInfo?.Region), NullIfEmpty(p.AccepterVpcInfo?.Region))), r => r.NextToken);

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        public Task<List<FoundResource>> LaunchTemplatesAsync(List<Filter> filters) =>
            Ec2Paging.AllAsync(token => _session.Call("EC2", "DescribeLaunchTemplates", Detail(filters),
                    ct => _ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.LaunchTemplates?.Select(t => new FoundResource(t.LaunchTemplateId, Ec2Reader.TagsOf(t.Tags), t.LaunchTemplateName)), r => r.NextToken);

        private static FoundRouteTable ToFound(RouteTable table)
        {
            var associations = table.Associations ?? new List<RouteTableAssociation>();
            return new FoundRouteTable(table.RouteTableId, table.VpcId, associations.Any(a => a.Main == true),
                associations.Where(a => !string.IsNullOrEmpty(a.SubnetId)).Select(a => (a.RouteTableAssociationId, a.SubnetId)),
                Ec2Reader.TagsOf(table.Tags));
        }

        private static string Detail(List<Filter> filters) =>
            string.Join(" ", filters.Select(f => f.Name + "=" + (f.Values.Count > 3 ? $"({f.Values.Count} values)" : string.Join(",", f.Values))));
    }
}
