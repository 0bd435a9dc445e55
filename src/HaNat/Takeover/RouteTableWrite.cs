using System.Collections.Generic;
using System.Linq;
using HaNat.Routing;

namespace HaNat.Takeover
{
    /// <summary>One write to one route table. Each table gets at most one, however many subnets share it.</summary>
    internal sealed class RouteTableWrite
    {
        public RouteTableWrite(RouteWriteKind kind, string? routeTableId, string? subnetId, string? previousTarget, bool foreign,
            IReadOnlyList<OtherRoute>? mainTableRoutes = null)
        {
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
        /// <summary>The table to write; null for a new table, which does not exist yet.</summary>
        public string? RouteTableId { get; }
        /// <summary>The subnet a new table is for.</summary>
        public string? SubnetId { get; }
        public string? PreviousTarget { get; }
        public bool Foreign { get; }

        public string Describe(string instanceId) => Kind switch
        {
            RouteWriteKind.CreateRoute => $"create 0.0.0.0/0 -> {instanceId} in {RouteTableId}",
            RouteWriteKind.ReplaceRoute => $"replace 0.0.0.0/0 -> {PreviousTarget} with -> {instanceId} in {RouteTableId}",
            _ => $"create a route table with 0.0.0.0/0 -> {instanceId}" +
                 (CopiedRoutes.Count > 0 ? $" and the main table's {string.Join(", ", CopiedRoutes)}" : "") + $" for {SubnetId} (now on the main table)" +
                 (NotCopied.Count > 0 ? $"; not copyable: {string.Join(", ", NotCopied)}" : ""),
        };
    }
}
