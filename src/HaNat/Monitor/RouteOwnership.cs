using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>Which instance, or NAT gateway, each zone's private default routes point at, from one VPC snapshot. Pure.</summary>
    internal static class RouteOwnership
    {
        /// <returns>
        /// Zone → the instance every private subnet of the zone routes 0.0.0.0/0 to, or the NAT gateway they all route
        /// to (a VPC HaNat did not build, where the zone's NAT gateway is its fallback); null when they disagree, when
        /// one has no such route, or when it is a blackhole or something else. A subnet on a served table counts for
        /// the zone the table names (hanat:zone), whose NAT serves it.
        /// </returns>
        public static IReadOnlyDictionary<string, string?> Compute(VpcSnapshot snapshot)
        {
            var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
            var byZone = snapshot.PrivateSubnets
                .Select(s => (Subnet: s, Table: snapshot.RouteTableOf(s.Id)))
                .GroupBy(p => (p.Table == null ? null : ServedTables.ServingZone(p.Table)) ?? p.Subnet.AvailabilityZone);
            foreach (var zone in byZone)
            {
                var targets = zone.Select(p => p.Table?.DefaultRoute)
                    .Select(r => r == null || r.Blackhole ? null : r.InstanceId ?? (r.Kind == RouteTargetKind.NatGateway ? r.TargetId : null))
                    .Distinct()
                    .ToList();
                owners[zone.Key] = targets.Count == 1 ? targets[0] : null;
            }
            return owners;
        }

        /// <summary>Whether an owner is a NAT gateway rather than an instance.</summary>
        public static bool IsNatGateway(string? owner) => owner != null && owner.StartsWith("nat-", StringComparison.Ordinal);
    }
}
