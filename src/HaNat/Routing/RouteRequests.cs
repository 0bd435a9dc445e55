using Amazon.EC2.Model;

namespace HaNat.Routing
{
    /// <summary>The CreateRoute request that makes a route to a target of a given kind, wherever a route is copied or put back.</summary>
    internal static class RouteRequests
    {
        public static CreateRouteRequest Create(string tableId, string destination, RouteTargetKind kind, string targetId)
        {
            var request = new CreateRouteRequest { RouteTableId = tableId, DestinationCidrBlock = destination };
            switch (kind)
            {
                case RouteTargetKind.Instance: request.InstanceId = targetId; break;
                case RouteTargetKind.NetworkInterface: request.NetworkInterfaceId = targetId; break;
                case RouteTargetKind.NatGateway: request.NatGatewayId = targetId; break;
                case RouteTargetKind.TransitGateway: request.TransitGatewayId = targetId; break;
                case RouteTargetKind.PeeringConnection: request.VpcPeeringConnectionId = targetId; break;
                default: request.GatewayId = targetId; break; // internet and virtual private gateways
            }
            return request;
        }

        /// <summary>The kind of a target from its id's prefix, for a target recorded as text (hanat:restore-default).</summary>
        public static RouteTargetKind KindOf(string targetId) =>
            targetId.StartsWith("nat-", System.StringComparison.Ordinal) ? RouteTargetKind.NatGateway
            : targetId.StartsWith("i-", System.StringComparison.Ordinal) ? RouteTargetKind.Instance
            : targetId.StartsWith("eni-", System.StringComparison.Ordinal) ? RouteTargetKind.NetworkInterface
            : targetId.StartsWith("tgw-", System.StringComparison.Ordinal) ? RouteTargetKind.TransitGateway
            : targetId.StartsWith("pcx-", System.StringComparison.Ordinal) ? RouteTargetKind.PeeringConnection
            : targetId.StartsWith("igw-", System.StringComparison.Ordinal) ? RouteTargetKind.InternetGateway
            : RouteTargetKind.Other;
    }
}
