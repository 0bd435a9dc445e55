namespace HaNat.HostNat
{
    /// <summary>
    /// Plans, with no I/O, the host's side of carrying a failed zone's Elastic IP, and of letting it go: the secondary
    /// private IP on the uplink (as a /32: no second subnet route, and masquerade keeps the interface's primary
    /// address), and one SNAT rule per served subnet, first in POSTROUTING so it wins over the masquerade.
    /// Idempotent: what is there already is not planned again; the zone's rules that no longer fit are removed.
    /// </summary>
    internal static class ZoneHostPlanner
    {
        /// <param name="natPostRouting">`iptables -t nat -S POSTROUTING` now.</param>
        /// <param name="addresses">The uplink's IPv4 addresses now (`ip -o -4 addr show dev UPLINK`).</param>
        public static IReadOnlyList<ZoneHostStep> PlanHold(string zone, string address, IReadOnlyList<Ipv4Cidr> sources, string uplink,
            string natPostRouting, IReadOnlyList<InterfaceAddress> addresses)
        {
            var steps = new List<ZoneHostStep>();
            // The address first: a SNAT to an address the host does not have would send packets it cannot answer for.
            if (!addresses.Any(a => a.InterfaceName == uplink && a.Address == address))
                steps.Add(new ZoneHostStep(ZoneHostStepKind.AddAddress, uplink, address, null));
            var wanted = sources.Distinct().Select(s => ZoneSnatRule.Create(zone, s, uplink, address)).ToList();
            var held = ZoneSnatRule.Parse(natPostRouting).Where(h => h.Zone == zone).ToList();
            // Inserted in reverse so that, each at the top, they end in the subnets' order.
            foreach (var rule in Enumerable.Reverse(wanted))
            {
                if (!held.Any(h => h.Rule.Key == rule.Key)) steps.Add(new ZoneHostStep(ZoneHostStepKind.InsertRule, uplink, address, rule));
            }
            var keys = new HashSet<string>(wanted.Select(r => r.Key));
            foreach (var stale in held.Where(h => !keys.Contains(h.Rule.Key)))
                steps.Add(new ZoneHostStep(ZoneHostStepKind.DeleteRule, uplink, stale.Address ?? address, stale.Rule));
            return steps;
        }

        /// <summary>
        /// Letting a zone's address go: every rule naming the zone (or translating to <paramref name="address"/>), then
        /// the address itself when the uplink has it. The rules first, so no packet is translated to an address gone.
        /// </summary>
        public static IReadOnlyList<ZoneHostStep> PlanRelease(string zone, string? address, string uplink, string natPostRouting,
            IReadOnlyList<InterfaceAddress> addresses)
        {
            var steps = new List<ZoneHostStep>();
            foreach (var held in ZoneSnatRule.Parse(natPostRouting).Where(h => h.Zone == zone || address != null && h.Address == address))
                steps.Add(new ZoneHostStep(ZoneHostStepKind.DeleteRule, uplink, held.Address ?? address ?? "", held.Rule));
            if (address != null && addresses.Any(a => a.InterfaceName == uplink && a.Address == address && a.PrefixLength == 32))
                steps.Add(new ZoneHostStep(ZoneHostStepKind.DeleteAddress, uplink, address, null));
            return steps;
        }

        /// <summary>What undoes a step that was carried out (a failed hold rolls back in reverse order).</summary>
        public static ZoneHostStep? Undo(ZoneHostStep step) => step.Kind switch
        {
            ZoneHostStepKind.AddAddress => step with { Kind = ZoneHostStepKind.DeleteAddress },
            ZoneHostStepKind.InsertRule => step with { Kind = ZoneHostStepKind.DeleteRule },
            _ => null,
        };
    }
}
