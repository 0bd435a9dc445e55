using Amazon.EC2;
using Amazon.EC2.Model;

namespace HaNat.Aws.Ec2
{
    /// <summary>
    /// The one place where the SDK's EC2 types become HaNat's records. Nothing past <see cref="Ec2Reads"/> sees the
    /// SDK; what a feature wants of a record (a default route, a peering route) it works out in its own folder.
    /// </summary>
    internal static class Ec2Map
    {
        public static Ec2Vpc Vpc(Vpc vpc) => new Ec2Vpc(vpc.VpcId, vpc.CidrBlock,
            (vpc.CidrBlockAssociationSet ?? new List<VpcCidrBlockAssociation>())
                .Where(b => b.CidrBlockState?.State == null || b.CidrBlockState.State == VpcCidrBlockStateCode.Associated)
                .Select(b => b.CidrBlock),
            Tags(vpc.Tags));

        public static Ec2Subnet Subnet(Subnet subnet) =>
            new Ec2Subnet(subnet.SubnetId, subnet.VpcId, subnet.AvailabilityZone, subnet.CidrBlock, Tags(subnet.Tags));

        public static Ec2RouteTable RouteTable(RouteTable table) => new Ec2RouteTable(table.RouteTableId, table.VpcId,
            (table.Associations ?? new List<RouteTableAssociation>()).Select(a => new Ec2RouteAssociation(a.RouteTableAssociationId, a.SubnetId, a.Main == true)),
            (table.Routes ?? new List<Route>()).Select(Route),
            Tags(table.Tags));

        public static Ec2Route Route(Route route) => new Ec2Route
        {
            DestinationCidrBlock = route.DestinationCidrBlock,
            DestinationIpv6CidrBlock = route.DestinationIpv6CidrBlock,
            DestinationPrefixListId = route.DestinationPrefixListId,
            GatewayId = route.GatewayId,
            InstanceId = route.InstanceId,
            NetworkInterfaceId = route.NetworkInterfaceId,
            NatGatewayId = route.NatGatewayId,
            TransitGatewayId = route.TransitGatewayId,
            VpcPeeringConnectionId = route.VpcPeeringConnectionId,
            CarrierGatewayId = route.CarrierGatewayId,
            LocalGatewayId = route.LocalGatewayId,
            CoreNetworkArn = route.CoreNetworkArn,
            Blackhole = route.State == RouteState.Blackhole,
            Propagated = route.Origin == RouteOrigin.EnableVgwRoutePropagation,
        };

        public static Ec2Instance Instance(Instance instance) => new Ec2Instance(
            instance.InstanceId,
            instance.State?.Name?.Value ?? "unknown",
            instance.Placement?.AvailabilityZone,
            instance.VpcId,
            NullIfEmpty(instance.PrivateIpAddress),
            instance.SourceDestCheck,
            (instance.NetworkInterfaces ?? new List<InstanceNetworkInterface>()).Select(n => n.NetworkInterfaceId),
            Tags(instance.Tags),
            NullIfEmpty(instance.InstanceLifecycle?.Value),
            instance.LaunchTime?.ToUniversalTime(),
            NullIfEmpty(instance.PublicIpAddress));

        public static IEnumerable<Ec2Instance> Instances(IEnumerable<Reservation>? reservations) =>
            (reservations ?? Enumerable.Empty<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()).Select(Instance);

        public static Ec2Address Address(Address address) => new Ec2Address(address.AllocationId, address.PublicIp,
            NullIfEmpty(address.InstanceId), NullIfEmpty(address.AssociationId), Tags(address.Tags));

        public static Ec2SecurityGroup SecurityGroup(SecurityGroup group) =>
            new Ec2SecurityGroup(group.GroupId, group.GroupName, group.VpcId, Tags(group.Tags));

        public static Ec2InternetGateway InternetGateway(InternetGateway gateway) => new Ec2InternetGateway(gateway.InternetGatewayId,
            (gateway.Attachments ?? new List<InternetGatewayAttachment>()).Select(a => a.VpcId).Where(v => !string.IsNullOrEmpty(v)),
            Tags(gateway.Tags));

        public static Ec2PeeringConnection PeeringConnection(VpcPeeringConnection connection) => new Ec2PeeringConnection(
            connection.VpcPeeringConnectionId,
            connection.Status?.Code?.Value ?? "unknown",
            connection.RequesterVpcInfo?.VpcId,
            connection.RequesterVpcInfo?.Region,
            connection.AccepterVpcInfo?.VpcId,
            connection.AccepterVpcInfo?.Region,
            Tags(connection.Tags));

        public static Ec2LaunchTemplate LaunchTemplate(LaunchTemplate template) =>
            new Ec2LaunchTemplate(template.LaunchTemplateId, template.LaunchTemplateName, Tags(template.Tags));

        public static Ec2NetworkInterface NetworkInterface(NetworkInterface nic) => new Ec2NetworkInterface(nic.NetworkInterfaceId,
            NullIfEmpty(nic.Attachment?.InstanceId), nic.InterfaceType?.Value ?? "interface", nic.Description, Tags(nic.TagSet));

        public static Ec2AvailabilityZone AvailabilityZone(AvailabilityZone zone) =>
            new Ec2AvailabilityZone(zone.ZoneName, zone.State?.Value ?? "unknown", NullIfEmpty(zone.ZoneType));

        public static Ec2KeyPair KeyPair(KeyPairInfo key) => new Ec2KeyPair(key.KeyName);

        /// <summary>EC2's tag list as a dictionary; a key EC2 repeats keeps its first value.</summary>
        public static Ec2NatGateway NatGateway(NatGateway gateway) => new Ec2NatGateway(gateway.NatGatewayId, gateway.VpcId,
            gateway.SubnetId, gateway.State?.Value ?? "unknown",
            (gateway.NatGatewayAddresses ?? new List<NatGatewayAddress>()).Select(a => a.AllocationId).Where(id => !string.IsNullOrEmpty(id)),
            (gateway.NatGatewayAddresses ?? new List<NatGatewayAddress>()).Select(a => a.PublicIp).Where(ip => !string.IsNullOrEmpty(ip)),
            Tags(gateway.Tags));

        public static IReadOnlyDictionary<string, string> Tags(List<Tag>? tags) =>
            (tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty);

        public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
