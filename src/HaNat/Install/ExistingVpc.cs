using HaNat.Aws.Ec2;

namespace HaNat.Install
{
    /// <summary>One read of a VPC that HaNat did not build: everything Add-HaNatVpc decides from, as the EC2 layer's records.</summary>
    internal sealed class ExistingVpc
    {
        public ExistingVpc(Ec2Vpc vpc, IEnumerable<string> internetGatewayIds, IEnumerable<Ec2Subnet> subnets,
            IEnumerable<Ec2RouteTable> routeTables, IEnumerable<Ec2NatGateway> natGateways)
        {
            Vpc = vpc;
            InternetGatewayIds = internetGatewayIds.ToArray();
            Subnets = subnets.OrderBy(s => s.AvailabilityZone).ThenBy(s => s.Id).ToArray();
            RouteTables = routeTables.OrderBy(t => t.Id).ToArray();
            NatGateways = natGateways.ToArray();
        }

        public Ec2Vpc Vpc { get; }
        /// <summary>The internet gateways attached to the VPC.</summary>
        public IReadOnlyList<string> InternetGatewayIds { get; }
        public IReadOnlyList<Ec2Subnet> Subnets { get; }
        public IReadOnlyList<Ec2RouteTable> RouteTables { get; }
        public IReadOnlyList<Ec2NatGateway> NatGateways { get; }

        /// <summary>Every IPv4 block of the VPC, the primary first: the NATs forward from all of them.</summary>
        public IReadOnlyList<string> CidrBlocks =>
            new[] { Vpc.CidrBlock }.Concat(Vpc.AssociatedCidrBlocks).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToArray();

        public Ec2RouteTable? MainTable => RouteTables.FirstOrDefault(t => t.IsMain);

        /// <summary>The table a subnet uses: its own association, else the main table.</summary>
        public Ec2RouteTable? TableOf(string subnetId) =>
            RouteTables.FirstOrDefault(t => t.SubnetAssociations.Any(a => a.SubnetId == subnetId)) ?? MainTable;

        public IEnumerable<Ec2Subnet> SubnetsOf(Ec2RouteTable table) =>
            table.IsMain ? Subnets.Where(s => TableOf(s.Id) == table) : Subnets.Where(s => table.SubnetAssociations.Any(a => a.SubnetId == s.Id));
    }
}
