using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>Which instance each zone's private default routes point at, from one VPC snapshot. Pure.</summary>
    internal static class RouteOwnership
    {
        /// <returns>
        /// Zone → the instance every private subnet of the zone routes 0.0.0.0/0 to; null when they disagree, when one
        /// has no such route, or when it is a blackhole or not an instance.
        /// </returns>
        public static IReadOnlyDictionary<string, string?> Compute(VpcSnapshot snapshot)
        {
            var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var zone in snapshot.PrivateSubnets.GroupBy(s => s.AvailabilityZone))
            {
                var targets = zone.Select(s => snapshot.RouteTableOf(s.Id)?.DefaultRoute)
                    .Select(r => r == null || r.Blackhole ? null : r.InstanceId)
                    .Distinct()
                    .ToList();
                owners[zone.Key] = targets.Count == 1 ? targets[0] : null;
            }
            return owners;
        }
    }
}
