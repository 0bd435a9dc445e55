using Amazon.EC2;
using Amazon.EC2.Model;

namespace HaNat.Aws.Ec2
{
    /// <summary>
    /// The EC2 describe calls HaNat makes, each taking the filters to send and returning HaNat's records of every
    /// page. Every call goes through the session's one call wrapper (<see cref="SessionCalls.Call"/>: -Verbose line,
    /// AwsCallException, Ctrl+C) and the one pager (<see cref="Ec2Pager"/>: the repeated-token guard). The detail
    /// is the -Verbose text; by default the filters themselves.
    /// </summary>
    internal sealed class Ec2Reads(IAmazonEC2 ec2, AwsSession session)
    {
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly AwsSession _session = session;

        public AwsSession Session => _session;

        public static Filter By(string name, params string[] values) => new Filter(name, values.ToList());

        public static Filter By(string name, List<string> values) => new Filter(name, values);

        public Task<List<Ec2Vpc>> VpcsAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeVpcs", detail ?? Detail(filters),
                    ct => _ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.Vpcs?.Select(Ec2Map.Vpc), r => r.NextToken);

        public Task<List<Ec2Subnet>> SubnetsAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeSubnets", detail ?? Detail(filters),
                    ct => _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.Subnets?.Select(Ec2Map.Subnet), r => r.NextToken);

        public Task<List<Ec2RouteTable>> RouteTablesAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeRouteTables", detail ?? Detail(filters),
                    ct => _ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.RouteTables?.Select(Ec2Map.RouteTable), r => r.NextToken);

        public Task<List<Ec2SecurityGroup>> SecurityGroupsAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeSecurityGroups", detail ?? Detail(filters),
                    ct => _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.SecurityGroups?.Select(Ec2Map.SecurityGroup), r => r.NextToken);

        public Task<List<Ec2InternetGateway>> InternetGatewaysAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeInternetGateways", detail ?? Detail(filters),
                    ct => _ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = filters, NextToken = token }, ct)),
                r => r.InternetGateways?.Select(Ec2Map.InternetGateway), r => r.NextToken);

        public Task<List<Ec2NatGateway>> NatGatewaysAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeNatGateways", detail ?? Detail(filters),
                    ct => _ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = filters, NextToken = token }, ct)),
                r => r.NatGateways?.Select(Ec2Map.NatGateway), r => r.NextToken);

        /// <summary>DescribeAddresses does not page: one call returns every match.</summary>
        public async Task<List<Ec2Address>> AddressesAsync(List<Filter> filters, string? detail = null)
        {
            var response = await _session.Call("EC2", "DescribeAddresses", detail ?? Detail(filters),
                ct => _ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = filters }, ct)).ConfigureAwait(false);
            return (response.Addresses ?? new List<Address>()).Select(Ec2Map.Address).ToList();
        }

        public Task<List<Ec2Instance>> InstancesAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeInstances", detail ?? Detail(filters),
                    ct => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = token }, ct)),
                r => Ec2Map.Instances(r.Reservations), r => r.NextToken);

        public Task<List<Ec2NetworkInterface>> NetworkInterfacesAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeNetworkInterfaces", detail ?? Detail(filters),
                    ct => _ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.NetworkInterfaces?.Select(Ec2Map.NetworkInterface), r => r.NextToken);

        public Task<List<Ec2PeeringConnection>> PeeringConnectionsAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeVpcPeeringConnections", detail ?? Detail(filters),
                    ct => _ec2.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest { Filters = filters, NextToken = token }, ct)),
                r => r.VpcPeeringConnections?.Select(Ec2Map.PeeringConnection), r => r.NextToken);

        /// <summary>Peering connections by id: EC2 answers an id it does not know with InvalidVpcPeeringConnectionID.NotFound.</summary>
        public async Task<List<Ec2PeeringConnection>> PeeringConnectionsByIdAsync(List<string> ids, string detail)
        {
            var response = await _session.Call("EC2", "DescribeVpcPeeringConnections", detail,
                ct => _ec2.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest { VpcPeeringConnectionIds = ids }, ct)).ConfigureAwait(false);
            return (response.VpcPeeringConnections ?? new List<VpcPeeringConnection>()).Select(Ec2Map.PeeringConnection).ToList();
        }

        public Task<List<Ec2LaunchTemplate>> LaunchTemplatesAsync(List<Filter> filters, string? detail = null) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeLaunchTemplates", detail ?? Detail(filters),
                    ct => _ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { Filters = filters, NextToken = token }, ct)),
                r => r.LaunchTemplates?.Select(Ec2Map.LaunchTemplate), r => r.NextToken);

        /// <summary>
        /// Images, as the SDK returns them: the one SDK type that leaves the layer, because Get-HaNatImage writes
        /// Amazon.EC2.Model.Image to the pipeline as it is.
        /// </summary>
        public Task<List<Image>> ImagesAsync(List<string>? owners, List<Filter> filters, string detail) =>
            Ec2Pager.AllAsync(token => _session.Call("EC2", "DescribeImages", detail,
                    ct => _ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = owners, Filters = filters, NextToken = token }, ct)),
                r => r.Images, r => r.NextToken);

        /// <summary>The region's zones; DescribeAvailabilityZones does not page.</summary>
        public async Task<List<Ec2AvailabilityZone>> AvailabilityZonesAsync()
        {
            var response = await _session.Call("EC2", "DescribeAvailabilityZones", string.Empty,
                ct => _ec2.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest(), ct)).ConfigureAwait(false);
            return (response.AvailabilityZones ?? new List<AvailabilityZone>()).Select(Ec2Map.AvailabilityZone).ToList();
        }

        /// <summary>Key pairs; DescribeKeyPairs does not page. A filter, not KeyNames: an unknown name is an empty answer.</summary>
        public async Task<List<Ec2KeyPair>> KeyPairsAsync(List<Filter> filters, string? detail = null)
        {
            var response = await _session.Call("EC2", "DescribeKeyPairs", detail ?? Detail(filters),
                ct => _ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { Filters = filters }, ct)).ConfigureAwait(false);
            return (response.KeyPairs ?? new List<KeyPairInfo>()).Select(Ec2Map.KeyPair).ToList();
        }

        /// <summary>The filters as -Verbose shows them; a long list of values is counted, not spelled out.</summary>
        public static string Detail(List<Filter> filters) =>
            string.Join(" ", filters.Select(f => f.Name + "=" + (f.Values.Count > 3 ? $"({f.Values.Count} values)" : string.Join(",", f.Values))));
    }
}
