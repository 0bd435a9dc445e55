using System;
using System.Collections.Generic;
using System.Linq;
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
    /// </summary>
    internal static class TakeoverPlanner
    {
        public static TakeoverPlan Plan(InstanceInfo nat, string availabilityZone, VpcSnapshot snapshot, bool force)
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

            var ownsEni = new HashSet<string>(nat.NetworkInterfaceIds, StringComparer.Ordinal);
            var writesByTable = new Dictionary<string, RouteTableWrite?>(StringComparer.Ordinal);
            var writes = new List<RouteTableWrite>();
            var planned = new List<PlannedSubnet>();

            foreach (var subnet in snapshot.PrivateSubnets.Where(s => s.AvailabilityZone == availabilityZone))
            {
                var table = snapshot.RouteTableOf(subnet.Id);
                if (table == null || table.IsMain)
                {
                    var newTable = new RouteTableWrite(RouteWriteKind.NewRouteTable, null, subnet.Id,
                        table?.DefaultRoute?.ToString(), foreign: false, mainTableRoutes: table?.OtherRoutes);
                    writes.Add(newTable);
                    planned.Add(new PlannedSubnet(subnet, null, TakeoverAction.NewRouteTable, table?.DefaultRoute?.ToString(), newTable));
                    continue;
                }

                var (action, write) = Decide(nat, ownsEni, table, force);
                if (write != null && !writesByTable.ContainsKey(table.Id))
                {
                    writes.Add(write);
                }
                // The first subnet of a shared table decides the write; the others reuse it.
                if (writesByTable.TryGetValue(table.Id, out var shared)) write = shared;
                else writesByTable[table.Id] = write;
                planned.Add(new PlannedSubnet(subnet, table.Id, action, table.DefaultRoute?.ToString(), write));
            }

            var address = availabilityZone == nat.AvailabilityZone ? PlanAddress(nat, snapshot.ZoneAddresses) : null;
            return new TakeoverPlan(nat.Id, snapshot.VpcId, availabilityZone, nat.SourceDestCheck, address, writes, planned);
        }

        private static (TakeoverAction, RouteTableWrite?) Decide(InstanceInfo nat, ISet<string> ownsEni, RouteTableInfo table, bool force)
        {
            var route = table.DefaultRoute;
            if (route == null)
            {
                return (TakeoverAction.Created, new RouteTableWrite(RouteWriteKind.CreateRoute, table.Id, null, null, false));
            }

            var pointsHere = route.InstanceId == nat.Id || (route.NetworkInterfaceId != null && ownsEni.Contains(route.NetworkInterfaceId));
            if (pointsHere && !route.Blackhole)
            {
                return (TakeoverAction.Unchanged, null);
            }

            var replace = new RouteTableWrite(RouteWriteKind.ReplaceRoute, table.Id, null, route.ToString(), false);
            if (route.Blackhole || route.Kind == RouteTargetKind.Instance || route.InstanceId != null)
            {
                return (TakeoverAction.Replaced, replace);
            }

            return force
                ? (TakeoverAction.ReplacedForeign, new RouteTableWrite(RouteWriteKind.ReplaceRoute, table.Id, null, route.ToString(), true))
                : (TakeoverAction.LeftForeign, null);
        }

        // The zone's Elastic IP is a stable egress address: it follows the zone's own NAT, never a failover NAT,
        // which must keep its own address for its own zone.
        private static AddressAssociation? PlanAddress(InstanceInfo nat, IReadOnlyList<AddressInfo> zoneAddresses)
        {
            if (zoneAddresses.Count == 0 || zoneAddresses.Any(a => a.InstanceId == nat.Id)) return null;
            var chosen = zoneAddresses.OrderBy(a => a.AllocationId, StringComparer.Ordinal).First();
            return new AddressAssociation(chosen.AllocationId, chosen.PublicIp, chosen.InstanceId);
        }
    }
}
