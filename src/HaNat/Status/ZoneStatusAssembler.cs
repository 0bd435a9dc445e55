using System.Globalization;
using HaNat.Metrics;
using HaNat.Model;
using HaNat.Routing;

namespace HaNat.Status
{
    /// <summary>
    /// Decides, with no I/O, each zone's live state from <see cref="VpcStatusFacts"/>: what its default route goes to,
    /// whose zone that NAT is in, why (own, failover, handover, a gateway, no way out), since when, which address the
    /// zone leaves from, and how the NAT is. EC2 and Auto Scaling decide the route, the NATs and their states; the
    /// metrics add Since, the NATs' own self-check, and whether a peer took the zone by failover or by handover. Without
    /// metrics the rest still answers, and a peer's zone whose NAT is terminating reads as a handover.
    /// </summary>
    internal static class ZoneStatusAssembler
    {
        public static IReadOnlyList<HaNatZoneStatus> Assemble(VpcStatusFacts facts) => facts.Zones.Select(z => Zone(facts, z)).ToList();

        private static HaNatZoneStatus Zone(VpcStatusFacts facts, StatusZone zone)
        {
            var tables = zone.Routes.Select(r => r.RouteTableId).ToArray();
            var hasMetrics = facts.Metrics.Any;
            HaNatZoneStatus Status(ZoneServedWhy why, string? servedBy, string health, string detail, StatusNat? nat = null,
                StatusNat? from = null, DateTime? since = null, string? egress = null, bool? natHealthy = null) =>
                new HaNatZoneStatus(facts.Name, facts.VpcId, zone.Zone, why, servedBy, nat?.Zone, from?.InstanceId,
                    from == null ? null : HealthOf(from, Healthy(facts, from.Zone)), since, egress, health, natHealthy,
                    nat?.State, nat?.LifecycleState, nat?.AutoScalingHealth, hasMetrics, tables, detail + Divergence(zone));

            var route = zone.Routes.Select(r => r.Route).FirstOrDefault(r => r != null);
            if (route == null)
            {
                return Status(ZoneServedWhy.NoRoute, null, "-", tables.Length == 0
                    ? $"{zone.Zone} has no route table of its own: its private subnets have no HaNat way out."
                    : $"{zone.Zone}'s {string.Join(", ", tables)} {(tables.Length == 1 ? "has" : "have")} no 0.0.0.0/0 route: no way out. Run Invoke-HaNatTakeover on the zone's NAT.");
            }
            if (route.Blackhole)
            {
                return Status(ZoneServedWhy.Blackhole, route.TargetId, "gone", $"{zone.Zone}'s 0.0.0.0/0 goes to {route.TargetId}, a blackhole: its target is gone and the zone has no way out.");
            }
            if (route.InstanceId == null)
            {
                if (route.Kind == RouteTargetKind.NatGateway)
                {
                    facts.Gateways.TryGetValue(route.TargetId, out var gateway);
                    return Status(ZoneServedWhy.NatGateway, route.TargetId, gateway?.State ?? "unknown",
                        $"{zone.Zone} leaves through the NAT gateway {route.TargetId} ({gateway?.State ?? "state unknown"}), not a HaNat NAT.",
                        egress: gateway?.PublicIp);
                }
                return Status(ZoneServedWhy.OtherTarget, route.TargetId, "-", $"{zone.Zone}'s 0.0.0.0/0 goes to {route.TargetId} ({route.Kind}), not a HaNat NAT.");
            }
            if (!facts.Nats.TryGetValue(route.InstanceId, out var nat))
            {
                return Status(ZoneServedWhy.Blackhole, route.InstanceId, "gone",
                    $"{zone.Zone}'s 0.0.0.0/0 goes to {route.InstanceId}, which EC2 no longer knows: the zone has no way out.");
            }
            var natHealthy = Healthy(facts, nat.Zone);
            var health = HealthOf(nat, natHealthy);
            var egress = EgressOf(facts, zone, nat);
            if (!nat.IsHaNat)
            {
                return Status(ZoneServedWhy.OtherTarget, nat.InstanceId, health,
                    $"{zone.Zone}'s 0.0.0.0/0 goes to {nat.InstanceId}, an instance HaNat did not launch ({nat.State}).", nat, egress: egress);
            }

            var byPeer = !string.Equals(nat.Zone, zone.Zone, StringComparison.Ordinal);
            // The metrics come once a minute and the routes move at once: a datum that says otherwise than the routes
            // is from before the move, and says nothing about the NAT that serves now.
            var peerDatum = facts.Metrics.Latest(HaNatMetrics.ZoneServedByPeer, zone.Zone);
            var current = peerDatum == null || (peerDatum.Value.Value >= 0.5) == byPeer;
            var since = current ? SinceOf(facts.Metrics.Latest(HaNatMetrics.ZoneServedSeconds, zone.Zone)) : null;
            var sinceText = since != null ? $" since {since.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
                : !hasMetrics ? " (no metrics: since when unknown)"
                : current ? " (no ZoneServedSeconds metric: since when unknown)"
                : " (its metrics are from before the route moved: since when unknown)";
            var leaves = egress == null ? "" : $", leaving from {egress}";

            if (!byPeer)
            {
                return Status(ZoneServedWhy.Own, nat.InstanceId, health,
                    $"{zone.Zone} is served by its own NAT {nat.InstanceId}{sinceText}{leaves}; the NAT is {health}.",
                    nat, since: since, egress: egress, natHealthy: natHealthy);
            }

            var from = FromOf(facts, zone.Zone, nat);
            var handoverDatum = current ? facts.Metrics.Latest(HaNatMetrics.ZoneTakenByHandover, zone.Zone) : null;
            var handover = handoverDatum != null
                ? handoverDatum.Value.Value >= 0.5
                : from?.LifecycleState?.StartsWith("Terminating", StringComparison.Ordinal) == true;
            var why = handover ? ZoneServedWhy.Handover : ZoneServedWhy.Failover;
            var fromText = from == null ? "" : $" from {from.InstanceId} ({HealthOf(from, Healthy(facts, from.Zone))})";
            var guessed = handoverDatum == null ? " (told from EC2: no ZoneTakenByHandover metric)" : "";
            return Status(why, nat.InstanceId, health,
                $"{zone.Zone} is served by {nat.InstanceId} of {nat.Zone} after a {why.ToString().ToLowerInvariant()}{fromText}{guessed}{sinceText}{leaves}; the NAT is {health}.",
                nat, from, since, egress, natHealthy);
        }

        /// <summary>
        /// A NAT's health in a few words (19 characters at most: the status view's column), the worst first: EC2's state
        /// unless running, Auto Scaling's lifecycle unless InService, the group's Unhealthy mark, then its own self-check
        /// (the Healthy metric) when it published one.
        /// </summary>
        internal static string HealthOf(StatusNat nat, bool? selfCheck)
        {
            if (!string.Equals(nat.State, "running", StringComparison.Ordinal)) return nat.State;
            if (nat.LifecycleState != null && !string.Equals(nat.LifecycleState, "InService", StringComparison.Ordinal)) return nat.LifecycleState;
            if (string.Equals(nat.AutoScalingHealth, "Unhealthy", StringComparison.OrdinalIgnoreCase)) return "Unhealthy (ASG)";
            if (selfCheck == false) return "Self-check failing";
            if (selfCheck == true) return "Healthy";
            // Without the self-check, what Auto Scaling says; the Since column says "no metrics".
            return nat.LifecycleState ?? "running";
        }

        /// <summary>The Healthy metric of the NAT of <paramref name="natZone"/>: the pair VpcName + zone names a NAT.</summary>
        private static bool? Healthy(VpcStatusFacts facts, string? natZone) =>
            facts.Metrics.Latest(HaNatMetrics.Healthy, natZone) is MetricReading datum ? datum.Value >= 0.5 : (bool?)null;

        /// <summary>
        /// When the serving NAT took the zone: its datum's minute less the seconds it had served then. To the minute:
        /// a standard-resolution datum says only which minute it was published in.
        /// </summary>
        private static DateTime? SinceOf(MetricReading? served)
        {
            if (served == null) return null;
            var at = served.Value.Timestamp.AddSeconds(-Math.Max(0, served.Value.Value));
            return new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        }

        /// <summary>
        /// The zone's own NAT that a peer took it from: the newest instance of the zone (launch time) that is not still
        /// booting, so a replacement on its way does not hide the NAT that failed. Null when EC2 lists none.
        /// </summary>
        private static StatusNat? FromOf(VpcStatusFacts facts, string zone, StatusNat server) =>
            facts.Nats.Values
                .Where(n => n.IsHaNat && n.InstanceId != server.InstanceId && string.Equals(n.Zone, zone, StringComparison.Ordinal))
                .Where(n => n.State != "pending" && n.LifecycleState?.StartsWith("Pending", StringComparison.Ordinal) != true)
                .OrderByDescending(n => n.LaunchTime ?? DateTime.MinValue).ThenBy(n => n.InstanceId, StringComparer.Ordinal)
                .FirstOrDefault();

        /// <summary>
        /// The address the zone's traffic leaves from: the zone's Elastic IP when the serving NAT holds it (a peer carries
        /// a failed zone's on a secondary IP), else the Elastic IP of the NAT's own zone, else whatever address it has.
        /// </summary>
        private static string? EgressOf(VpcStatusFacts facts, StatusZone zone, StatusNat nat)
        {
            var held = facts.Addresses.Where(a => a.InstanceId == nat.InstanceId).ToList();
            return held.FirstOrDefault(a => a.Zone == zone.Zone)?.PublicIp
                ?? held.FirstOrDefault(a => a.Zone == nat.Zone)?.PublicIp
                ?? held.FirstOrDefault()?.PublicIp
                ?? nat.PublicIp;
        }

        /// <summary>A zone whose tables do not all go the same way says so: the row shows the first table's.</summary>
        private static string Divergence(StatusZone zone)
        {
            var first = zone.Routes.FirstOrDefault(r => r.Route != null)?.Route?.TargetId;
            var others = zone.Routes.Where(r => r.Route?.TargetId != first).Select(r => $"{r.RouteTableId} goes to {r.Route?.ToString() ?? "nothing"}").ToList();
            return others.Count == 0 ? "" : $" But {string.Join("; ", others)}.";
        }
    }
}
