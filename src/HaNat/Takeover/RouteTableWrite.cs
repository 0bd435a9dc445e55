using HaNat.Routing;

namespace HaNat.Takeover
{
    /// <summary>One write to one route table. Each table gets at most one, however many subnets share it.</summary>
    internal sealed class RouteTableWrite
    {
        public RouteTableWrite(RouteWriteKind kind, string? routeTableId, string? subnetId, string? previousTarget, bool foreign,
            IReadOnlyList<OtherRoute>? mainTableRoutes = null, string? natGatewayId = null)
        {
            NatGatewayId = natGatewayId;
            Kind = kind;
            RouteTableId = routeTableId;
            SubnetId = subnetId;
            PreviousTarget = previousTarget;
            Foreign = foreign;
            var routes = mainTableRoutes ?? new OtherRoute[0];
            CopiedRoutes = routes.Where(r => r.NotCopyable == null).ToList();
            NotCopied = routes.Where(r => r.NotCopyable != null).ToList();
        }

        /// <summary>For a new table: the main table's routes it gets too, so that the subnet keeps its other paths (peering, VPN, endpoints).</summary>
        public IReadOnlyList<OtherRoute> CopiedRoutes { get; }
        /// <summary>For a new table: the main table's routes that cannot be copied; the takeover warns about each.</summary>
        public IReadOnlyList<OtherRoute> NotCopied { get; }

        public RouteWriteKind Kind { get; }
        /// <summary>
        /// The NAT gateway the route goes to instead of the NAT (a peer's failover falls back to the zone's NAT
        /// gateway); null: to the NAT.
        /// </summary>
        public string? NatGatewayId { get; }
        /// <summary>The table to write; null for a new table, which does not exist yet.</summary>
        public string? RouteTableId { get; }
        /// <summary>The subnet a new table is for.</summary>
        public string? SubnetId { get; }
        public string? PreviousTarget { get; }
        public bool Foreign { get; }

        /// <summary>Where the route goes: the NAT gateway, else the NAT.</summary>
        public string TargetFor(string instanceId) => NatGatewayId ?? instanceId;

        public string Describe(string natInstanceId)
        {
            var target = TargetFor(natInstanceId);
            return Kind switch
            {
                RouteWriteKind.CreateRoute => $"create 0.0.0.0/0 -> {target} in {RouteTableId}",
                RouteWriteKind.ReplaceRoute => $"replace 0.0.0.0/0 -> {PreviousTarget} with -> {target} in {RouteTableId}",
                _ => $"create a route table with 0.0.0.0/0 -> {target}" +
                     (CopiedRoutes.Count > 0 ? $" and the main table's {string.Join(", ", CopiedRoutes)}" : "") + $" for {SubnetId} (now on the main table)" +
                     (NotCopied.Count > 0 ? $"; not copyable: {string.Join(", ", NotCopied)}" : ""),
            };
        }
    }
}
