namespace HaNat.Monitor
{
    /// <summary>
    /// Decides, with no I/O, whether and how a NAT carries a failed zone's Elastic IP, and when it lets it go. The rules:
    /// - a takeover of another zone that has a zone address takes the address onto a secondary private IP of the NAT's
    ///   own interface: one it already holds for that zone when there is one (a rule on the host, or the address already
    ///   on it), else a new one; the zone's own NAT never does this (its boot takeover associates the address itself);
    /// - a zone this NAT holds an address for is let go when its address is no longer on that secondary IP (the zone's
    ///   own NAT took it back, or someone moved it), or when the zone's routes no longer go to this NAT;
    /// - only what HaNat put there is let go: a secondary IP counts as held only when a zone-address rule on the host
    ///   names it or a zone's address of the VPC is associated with it; any other secondary IP is the user's.
    /// </summary>
    internal static class ZoneAddressPlanner
    {
        public const string AddressMoved = "address-moved";
        public const string RoutesElsewhere = "routes-elsewhere";
        public const string OwnZone = "own-zone";

        /// <returns>null when the zone has no address (nothing to carry), or the takeover is of this NAT's own zone.</returns>
        public static ZoneAddressHold? PlanHold(string zone, string selfZone, IReadOnlyList<ZoneAddress> addresses, OwnInterface own,
            IReadOnlyList<HostHold> host, IReadOnlyList<string> sourceCidrs)
        {
            if (zone == selfZone || sourceCidrs.Count == 0) return null;
            // The same choice as the boot takeover's: of several addresses of a zone, the lowest allocation id.
            var address = addresses.Where(a => a.Zone == zone).OrderBy(a => a.AllocationId, StringComparer.Ordinal).FirstOrDefault();
            if (address == null) return null;
            var secondaries = new HashSet<string>(own.SecondaryIps, StringComparer.Ordinal);
            var reuse = address.NetworkInterfaceId == own.Id && address.PrivateIpAddress != null && secondaries.Contains(address.PrivateIpAddress)
                ? address.PrivateIpAddress
                : host.Where(h => h.Zone == zone && h.PrivateIp != null && secondaries.Contains(h.PrivateIp)).Select(h => h.PrivateIp).FirstOrDefault();
            var associated = reuse != null && address.IsOn(own.Id, reuse);
            return new ZoneAddressHold(zone, address.AllocationId, address.PublicIp, own.Id, reuse, associated,
                sourceCidrs.Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList());
        }

        /// <param name="routeOwners">Zone → the instance its private routes go to, read after any takeover this NAT finished.</param>
        /// <param name="natZones">The VPC's running HaNat NATs → their zones: a zone's routes back on its own NAT get its address too.</param>
        public static IReadOnlyList<ZoneAddressRelease> PlanRelease(string selfId, string selfZone, OwnInterface own,
            IReadOnlyList<ZoneAddress> addresses, IReadOnlyList<HostHold> host, IReadOnlyDictionary<string, string?> routeOwners,
            IReadOnlyDictionary<string, string>? natZones = null)
        {
            var secondaries = new HashSet<string>(own.SecondaryIps, StringComparer.Ordinal);
            // What this NAT holds: (zone, secondary IP) from its host rules and from the zones' addresses on its interface.
            var held = new List<(string Zone, string Ip)>();
            foreach (var h in host.Where(h => h.PrivateIp != null && h.PrivateIp != own.PrimaryIp)) held.Add((h.Zone, h.PrivateIp!));
            foreach (var a in addresses.Where(a => a.NetworkInterfaceId == own.Id && a.PrivateIpAddress != null && secondaries.Contains(a.PrivateIpAddress)))
                held.Add((a.Zone, a.PrivateIpAddress!));

            var releases = new List<ZoneAddressRelease>();
            foreach (var (zone, ip) in held.Distinct())
            {
                var reason = zone == selfZone ? OwnZone
                    : !addresses.Any(a => a.Zone == zone && a.IsOn(own.Id, ip)) ? AddressMoved
                    : !routeOwners.TryGetValue(zone, out var owner) || owner != selfId ? RoutesElsewhere
                    : null;
                if (reason == null) continue;
                if (releases.Any(r => r.PrivateIp == ip)) continue;
                // Routes back on the zone's own NAT while the address is still here: unassigning alone would leave the
                // address free and the zone without it. It goes where the zone's own boot takeover would put it.
                var onIt = addresses.Where(a => a.Zone == zone && a.IsOn(own.Id, ip)).OrderBy(a => a.AllocationId, StringComparer.Ordinal).FirstOrDefault();
                var serving = routeOwners.TryGetValue(zone, out var servedBy) ? servedBy : null;
                var handTo = reason == RoutesElsewhere && onIt != null && serving != null && natZones != null &&
                    natZones.TryGetValue(serving, out var servingZone) && servingZone == zone ? serving : null;
                releases.Add(new ZoneAddressRelease(zone, ip, reason, secondaries.Contains(ip), handTo, handTo != null ? onIt!.AllocationId : null));
            }
            return releases;
        }
    }
}
