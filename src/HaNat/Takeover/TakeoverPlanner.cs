using HaNat.Model;
using HaNat.Routing;

namespace HaNat.Takeover
{
    /// <summary>
    /// Decides, with no I/O, what a NAT must write to own a zone's private default routes. The rules:
    /// a subnet on the main table gets a table of its own, with the main table's other routes copied so that the
    /// subnet loses no path (the main table is never changed); a route already to
    /// this NAT is left alone; a route to another instance or a blackhole is replaced; a route to anything else is
    /// left and reported unless forced; a missing route is created; each table is written at most once.
    ///
    /// In a VPC HaNat did not build (the deployment's private-subnet tag is hanat:served-by=N), only the tables
    /// tagged hanat:served-by=N are the NATs' to write, and HaNat creates no table there:
    /// - a served table whose hanat:zone names another zone is left to that zone's NAT;
    /// - a served table on a NAT gateway is the zone's NAT's to take without -Force, but only once its own host
    ///   set-up and data-plane check passed (make-before-break): until then it stays on the working gateway;
    ///
    /// In either VPC, a NAT whose host set-up or data-plane check failed leaves a route to another NAT instance that
    /// runs where it is (a rolling replacement's make-before-break: the old NAT carries the zone until the new one can).
    /// - a peer taking a failed zone sends a served table to the zone's own NAT gateway (hanat:restore-default) when
    ///   that gateway is available, rather than across zones to itself; with no such gateway, to itself as before;
    /// - an unserved table, or a subnet on the main table, is left as it is (unserved: unless forced).
    /// </summary>
    internal static class TakeoverPlanner
    {
        /// <param name="servedBy">The deployment's name in a VPC HaNat did not build (see <see cref="ServedTables.DeploymentOf"/>); null in one it built.</param>
        /// <param name="holdNatGatewaysBecause">
        /// Why this NAT cannot carry traffic yet (its host set-up or data-plane check failed): tables on a working NAT
        /// gateway, or on another NAT instance that runs, stay there. Null when it can: the checks passed, or an
        /// operator names the NAT from elsewhere.
        /// </param>
        public static TakeoverPlan Plan(InstanceInfo nat, string availabilityZone, VpcSnapshot snapshot, bool force,
            string? servedBy = null, string? holdNatGatewaysBecause = null)
        {
            if (!nat.IsRunning)
            {
                throw new HaNatException("InstanceNotRunning", HaNatErrorKind.InvalidOperation,
                    $"Instance {nat.Id} is {nat.State}; only a running instance can take routes over. Start it, or name a running NAT.")
                { Target = nat.Id };
            }
            if (!string.Equals(nat.VpcId, snapshot.VpcId, StringComparison.Ordinal))
            {
                throw new HaNatException("InstanceNotInVpc", HaNatErrorKind.InvalidArgument,
                    $"Instance {nat.Id} is in {nat.VpcId}, not in {snapshot.VpcId}. Pass the instance's own VPC, or a NAT in {snapshot.VpcId}.")
                { Target = nat.Id };
            }

            var context = new Context(nat, availabilityZone, snapshot, force, servedBy, holdNatGatewaysBecause);
            var writesByTable = new Dictionary<string, RouteTableWrite?>(StringComparer.Ordinal);
            var writes = new List<RouteTableWrite>();
            var planned = new List<PlannedSubnet>();
            var held = false;

            foreach (var subnet in snapshot.PrivateSubnets.Where(s => s.AvailabilityZone == availabilityZone))
            {
                var table = snapshot.RouteTableOf(subnet.Id);
                if (table == null || table.IsMain)
                {
                    var mainTarget = table?.DefaultRoute?.ToString();
                    if (servedBy != null)
                    {
                        planned.Add(new PlannedSubnet(subnet, table?.Id, TakeoverAction.LeftOnMainTable, mainTarget, null, mainTarget ?? NoRoute));
                        continue;
                    }
                    var newTable = new RouteTableWrite(RouteWriteKind.NewRouteTable, null, subnet.Id,
                        mainTarget, foreign: false, mainTableRoutes: table?.OtherRoutes);
                    writes.Add(newTable);
                    planned.Add(new PlannedSubnet(subnet, null, TakeoverAction.NewRouteTable, mainTarget, newTable));
                    continue;
                }

                var (action, write, target) = servedBy == null ? Decide(context, table) : DecideServed(context, table);
                held |= action == TakeoverAction.HeldOnNatGateway || action == TakeoverAction.HeldOnNat;
                if (write != null && !writesByTable.ContainsKey(table.Id))
                {
                    writes.Add(write);
                }
                // The first subnet of a shared table decides the write; the others reuse it.
                if (writesByTable.TryGetValue(table.Id, out var shared)) write = shared;
                else writesByTable[table.Id] = write;
                planned.Add(new PlannedSubnet(subnet, table.Id, action, table.DefaultRoute?.ToString(), write, target));
            }

            var address = availabilityZone == nat.AvailabilityZone ? PlanAddress(context, snapshot.ZoneAddresses) : null;
            return new TakeoverPlan(nat.Id, snapshot.VpcId, availabilityZone, nat.SourceDestCheck, address, writes, planned,
                held ? holdNatGatewaysBecause : null);
        }

        /// <summary>What a result names as the target of a table with no default route.</summary>
        public const string NoRoute = "none";

        private sealed class Context
        {
            public Context(InstanceInfo nat, string zone, VpcSnapshot snapshot, bool force, string? servedBy, string? hold)
            {
                Nat = nat;
                Zone = zone;
                Snapshot = snapshot;
                Force = force;
                ServedBy = servedBy;
                Hold = hold;
                OwnsEni = new HashSet<string>(nat.NetworkInterfaceIds, StringComparer.Ordinal);
            }

            public InstanceInfo Nat { get; }
            public string Zone { get; }
            public VpcSnapshot Snapshot { get; }
            public bool Force { get; }
            public string? ServedBy { get; }
            public string? Hold { get; }
            public ISet<string> OwnsEni { get; }
            /// <summary>A peer's failover: the zone is not this NAT's own.</summary>
            public bool IsPeer => Zone != Nat.AvailabilityZone;

            public bool PointsHere(DefaultRoute route) =>
                route.InstanceId == Nat.Id || (route.NetworkInterfaceId != null && OwnsEni.Contains(route.NetworkInterfaceId));

            /// <summary>A NAT gateway EC2 lists as available, the only kind a route to carries traffic.</summary>
            public bool IsAvailable(string natGatewayId) =>
                Snapshot.NatGateways.TryGetValue(natGatewayId, out var gateway) && gateway.IsAvailable;

            /// <summary>
            /// A route, not a blackhole, to another instance the snapshot knows is running (the snapshot reads the
            /// routes' instances only when this NAT is held: <see cref="TakeoverSnapshot"/>).
            /// </summary>
            public bool GoesToRunningNat(DefaultRoute route) =>
                !route.Blackhole && route.InstanceId != null && IsRunningOther(route.InstanceId);

            public bool IsRunningOther(string instanceId) =>
                instanceId != Nat.Id && Snapshot.Instances.TryGetValue(instanceId, out var instance) && instance.IsRunning;

            public bool GoesToWorkingNatGateway(DefaultRoute route) =>
                route.Kind == RouteTargetKind.NatGateway && !route.Blackhole && IsAvailable(route.TargetId);
        }

        private static (TakeoverAction, RouteTableWrite?, string?) Decide(Context context, RouteTableInfo table)
        {
            var route = table.DefaultRoute;
            if (route == null)
            {
                return (TakeoverAction.Created, new RouteTableWrite(RouteWriteKind.CreateRoute, table.Id, null, null, false), null);
            }
            if (context.PointsHere(route) && !route.Blackhole)
            {
                return (TakeoverAction.Unchanged, null, null);
            }
            if (route.Blackhole || route.Kind == RouteTargetKind.Instance || route.InstanceId != null)
            {
                // Make-before-break in a rolling replacement: a NAT that cannot carry traffic yet leaves the zone on
                // the NAT that still runs (the old one, whose replacement this is). A dead one carries nothing: take it.
                if (context.Hold != null && context.GoesToRunningNat(route))
                {
                    return (TakeoverAction.HeldOnNat, null, route.TargetId);
                }
                return (TakeoverAction.Replaced, Replace(table, route), null);
            }
            return Foreign(context, table);
        }

        private static (TakeoverAction, RouteTableWrite?, string?) DecideServed(Context context, RouteTableInfo table)
        {
            var route = table.DefaultRoute;
            if (!ServedTables.IsServedBy(table, context.ServedBy!))
            {
                // Not a table this deployment serves (the NatInstance policy lets the NATs write only those): foreign.
                return route != null && context.PointsHere(route) && !route.Blackhole ? (TakeoverAction.Unchanged, null, null) : Foreign(context, table);
            }
            var servingZone = ServedTables.ServingZone(table);
            if (servingZone != null && servingZone != context.Zone)
            {
                return (TakeoverAction.ServedByOtherZone, null, route?.ToString() ?? NoRoute);
            }

            if (context.IsPeer)
            {
                var fallback = FallbackGateway(context, table);
                if (fallback != null)
                {
                    if (route != null && route.Kind == RouteTargetKind.NatGateway && route.TargetId == fallback && !route.Blackhole)
                    {
                        return (TakeoverAction.NatGatewayFallback, null, fallback);
                    }
                    var write = route == null
                        ? new RouteTableWrite(RouteWriteKind.CreateRoute, table.Id, null, null, false, natGatewayId: fallback)
                        : new RouteTableWrite(RouteWriteKind.ReplaceRoute, table.Id, null, route.ToString(), false, natGatewayId: fallback);
                    return (TakeoverAction.NatGatewayFallback, write, fallback);
                }
            }

            if (route != null && route.Kind == RouteTargetKind.NatGateway)
            {
                // Make-before-break: the zone's NAT takes a table off a working NAT gateway only once it can carry the
                // traffic itself. A dead gateway (blackhole, deleted, failed) carries nothing: take it now.
                if (context.Hold != null && context.GoesToWorkingNatGateway(route))
                {
                    return (TakeoverAction.HeldOnNatGateway, null, route.ToString());
                }
                return (TakeoverAction.Replaced, Replace(table, route), null);
            }
            return Decide(context, table);
        }

        /// <summary>
        /// The NAT gateway a peer's failover sends a served table to: the one recorded in hanat:restore-default when
        /// it is available, else the one the table already uses when that is available (someone's later choice, still
        /// in the zone). Null: none, and the peer NAT serves the table.
        /// </summary>
        private static string? FallbackGateway(Context context, RouteTableInfo table)
        {
            var recorded = ServedTables.RecordedNatGateway(table);
            if (recorded != null && context.IsAvailable(recorded)) return recorded;
            var route = table.DefaultRoute;
            return route != null && context.GoesToWorkingNatGateway(route) ? route.TargetId : null;
        }

        private static RouteTableWrite Replace(RouteTableInfo table, DefaultRoute route) =>
            new RouteTableWrite(RouteWriteKind.ReplaceRoute, table.Id, null, route.ToString(), false);

        private static (TakeoverAction, RouteTableWrite?, string?) Foreign(Context context, RouteTableInfo table)
        {
            var route = table.DefaultRoute;
            if (!context.Force) return (TakeoverAction.LeftForeign, null, route?.ToString() ?? NoRoute);
            return route == null
                ? (TakeoverAction.ReplacedForeign, new RouteTableWrite(RouteWriteKind.CreateRoute, table.Id, null, null, true), null)
                : (TakeoverAction.ReplacedForeign, new RouteTableWrite(RouteWriteKind.ReplaceRoute, table.Id, null, route.ToString(), true), null);
        }

        // The zone's Elastic IP is a stable egress address: it follows the zone's own NAT, never a failover NAT,
        // which must keep its own address for its own zone.
        private static AddressAssociation? PlanAddress(Context context, IReadOnlyList<AddressInfo> zoneAddresses)
        {
            var nat = context.Nat;
            if (zoneAddresses.Count == 0 || zoneAddresses.Any(a => a.InstanceId == nat.Id)) return null;
            var chosen = zoneAddresses.OrderBy(a => a.AllocationId, StringComparer.Ordinal).First();
            // A NAT that cannot carry traffic yet leaves the zone's address on the NAT that still runs and uses it.
            if (context.Hold != null && chosen.InstanceId != null && context.IsRunningOther(chosen.InstanceId)) return null;
            return new AddressAssociation(chosen.AllocationId, chosen.PublicIp, chosen.InstanceId);
        }
    }
}
