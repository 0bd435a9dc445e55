using HaNat.Aws.Ec2;

namespace HaNat.Routing
{
    /// <summary>
    /// What takeover, the routing audit and the monitor make of the EC2 layer's records: a table's default route
    /// and its other routes, an instance's state. Pure: the SDK was left behind in <see cref="Ec2Map"/>.
    /// </summary>
    internal static class RouteReading
    {
        public const string DefaultDestination = "0.0.0.0/0";

        public static RouteTableInfo Table(Ec2RouteTable table)
        {
            var route = table.Routes.FirstOrDefault(r => r.DestinationCidrBlock == DefaultDestination);
            var others = table.Routes.Where(r => r.DestinationCidrBlock != DefaultDestination && r.GatewayId != "local").Select(OtherRoute).ToList();
            return new RouteTableInfo(table.Id, table.IsMain, table.SubnetAssociations.Select(a => a.SubnetId!),
                route == null ? null : DefaultRoute(route), table.Tags, others);
        }

        /// <summary>A route other than local and 0.0.0.0/0, and whether CreateRoute can make it again in another table.</summary>
        public static OtherRoute OtherRoute(Ec2Route route)
        {
            var target = DefaultRoute(route);
            var destination = Ec2Map.NullIfEmpty(route.DestinationCidrBlock) ?? Ec2Map.NullIfEmpty(route.DestinationIpv6CidrBlock)
                ?? route.DestinationPrefixListId ?? "unknown";
            string? why = null;
            if (route.Propagated) why = "propagated from a virtual private gateway (enable propagation on the new table)";
            else if (string.IsNullOrEmpty(route.DestinationCidrBlock)) why = "not an IPv4 block";
            else if (target.Blackhole) why = "a blackhole";
            else if (target.Kind == RouteTargetKind.VpcEndpoint || target.Kind == RouteTargetKind.Other) why = "its target is not one CreateRoute takes";
            return new OtherRoute(destination, target.Kind, target.TargetId, why);
        }

        /// <summary>What a route points at: an instance or an interface (HaNat's kinds), or a foreign target.</summary>
        public static DefaultRoute DefaultRoute(Ec2Route route)
        {
            var blackhole = route.Blackhole;
            if (!string.IsNullOrEmpty(route.InstanceId))
                return new DefaultRoute(RouteTargetKind.Instance, route.InstanceId!, route.InstanceId, Ec2Map.NullIfEmpty(route.NetworkInterfaceId), blackhole);
            if (!string.IsNullOrEmpty(route.NetworkInterfaceId))
                return new DefaultRoute(RouteTargetKind.NetworkInterface, route.NetworkInterfaceId!, null, route.NetworkInterfaceId, blackhole);
            if (!string.IsNullOrEmpty(route.NatGatewayId)) return Foreign(RouteTargetKind.NatGateway, route.NatGatewayId!, blackhole);
            if (!string.IsNullOrEmpty(route.TransitGatewayId)) return Foreign(RouteTargetKind.TransitGateway, route.TransitGatewayId!, blackhole);
            if (!string.IsNullOrEmpty(route.VpcPeeringConnectionId)) return Foreign(RouteTargetKind.PeeringConnection, route.VpcPeeringConnectionId!, blackhole);
            var gateway = route.GatewayId ?? route.CarrierGatewayId ?? route.LocalGatewayId ?? route.CoreNetworkArn ?? "unknown";
            var kind = gateway.StartsWith("igw-", StringComparison.Ordinal) ? RouteTargetKind.InternetGateway
                : gateway.StartsWith("vgw-", StringComparison.Ordinal) ? RouteTargetKind.VpnGateway
                : gateway.StartsWith("vpce-", StringComparison.Ordinal) ? RouteTargetKind.VpcEndpoint
                : RouteTargetKind.Other;
            return Foreign(kind, gateway, blackhole);
        }

        public static InstanceInfo Instance(Ec2Instance instance) => new InstanceInfo(
            instance.Id, instance.State, instance.AvailabilityZone ?? string.Empty, instance.VpcId ?? string.Empty,
            instance.SourceDestCheck ?? true, instance.NetworkInterfaceIds, instance.Tags);

        private static DefaultRoute Foreign(RouteTargetKind kind, string id, bool blackhole) => new DefaultRoute(kind, id, null, null, blackhole);
    }
}
