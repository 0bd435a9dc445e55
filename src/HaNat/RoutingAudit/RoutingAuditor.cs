using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.RoutingAudit
{
    /// <summary>
    /// Judges, with no I/O, whether each private subnet has a working way out through a HaNat NAT instance.
    /// </summary>
    internal static class RoutingAuditor
    {
        public static IReadOnlyList<RouteAudit> Audit(VpcSnapshot snapshot)
        {
            var audits = new List<RouteAudit>();
            foreach (var subnet in snapshot.PrivateSubnets)
            {
                var table = snapshot.RouteTableOf(subnet.Id);
                audits.Add(AuditOne(snapshot, subnet, table));
            }
            return audits;
        }

        private static RouteAudit AuditOne(VpcSnapshot snapshot, SubnetInfo subnet, RouteTableInfo? table)
        {
            RouteAudit Verdict(RouteStatus status, string detail) =>
                new RouteAudit(snapshot.VpcId, subnet.Id, subnet.AvailabilityZone, table?.Id, table?.DefaultRoute?.TargetId, status, detail);

            var route = table?.DefaultRoute;
            if (table == null || route == null)
            {
                return Verdict(RouteStatus.NoRoute, table == null
                    ? "The VPC has no route table for this subnet."
                    : $"{table.Id}{(table.IsMain ? " (the main table)" : "")} has no 0.0.0.0/0 route. Run Invoke-HaNatTakeover on the zone's NAT.");
            }
            if (route.Blackhole)
            {
                return Verdict(RouteStatus.Blackhole, $"0.0.0.0/0 -> {route.TargetId} is a blackhole: its target is gone.");
            }
            if (route.InstanceId == null)
            {
                return Verdict(RouteStatus.ForeignTarget, $"0.0.0.0/0 -> {route.TargetId} ({route.Kind}) is not a NAT instance.");
            }
            if (!snapshot.Instances.TryGetValue(route.InstanceId, out var nat))
            {
                return Verdict(RouteStatus.NatNotRunning, $"0.0.0.0/0 -> {route.InstanceId}, which EC2 no longer knows.");
            }
            // A route to an instance HaNat did not launch is someone else's path out, however well it forwards:
            // HaNat neither vouches for it nor watches it, so it is foreign, like a route to a NAT gateway.
            if (!nat.IsHaNatManaged)
            {
                return Verdict(RouteStatus.ForeignTarget,
                    $"0.0.0.0/0 -> {nat.Id}, an instance that is not a HaNat NAT (no tag {HaNatTags.Managed}={HaNatTags.ManagedValue}).");
            }
            if (!string.Equals(nat.State, "running", StringComparison.Ordinal))
            {
                return Verdict(RouteStatus.NatNotRunning, $"0.0.0.0/0 -> {nat.Id}, which is {nat.State}.");
            }
            if (nat.SourceDestCheck)
            {
                return Verdict(RouteStatus.SourceDestCheckOn,
                    $"{nat.Id} has source/dest check on, so it drops forwarded traffic. Run Invoke-HaNatTakeover on it.");
            }
            return nat.AvailabilityZone == subnet.AvailabilityZone
                ? Verdict(RouteStatus.Healthy, $"0.0.0.0/0 -> {nat.Id}, running in {nat.AvailabilityZone}.")
                : Verdict(RouteStatus.CrossZone, $"0.0.0.0/0 -> {nat.Id} in {nat.AvailabilityZone}, another zone: a failover is in effect.");
        }
    }
}
