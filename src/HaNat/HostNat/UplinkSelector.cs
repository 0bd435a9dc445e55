namespace HaNat.HostNat
{
    /// <summary>
    /// Decides which interface the NAT masquerades out of, or refuses. Pure. The rule is written only on the
    /// interface that really carries the default route, that is up, that is the primary interface IMDS names, and
    /// that has an address: a rule on an empty or wrong interface name is accepted by iptables with exit 0 and then
    /// forwards nothing, which is the failure this guards against.
    /// </summary>
    internal static class UplinkSelector
    {
        /// <param name="routes">/proc/net/route, parsed.</param>
        /// <param name="interfaces">/sys/class/net, by name.</param>
        /// <param name="expectedMac">The primary interface's MAC from IMDS; null skips the cross-check.</param>
        public static InterfaceFacts Select(IReadOnlyList<RouteEntry> routes, IReadOnlyDictionary<string, InterfaceFacts> interfaces, string? expectedMac)
        {
            var route = ProcNetRoute.FindDefault(routes) ?? throw HostNatErrors.NoRoute();
            if (!interfaces.TryGetValue(route.InterfaceName, out var uplink)) throw HostNatErrors.NotFound(route.InterfaceName);

            var mac = NormalizeMac(expectedMac);
            if (mac != null && uplink.MacAddress != mac)
            {
                var owner = interfaces.Values.FirstOrDefault(i => i.MacAddress == mac)?.Name;
                throw HostNatErrors.Mismatch(uplink.Name, uplink.MacAddress, mac, owner);
            }
            if (!uplink.IsUp) throw HostNatErrors.Down(uplink);
            return uplink;
        }

        /// <summary>The uplink's IPv4 address, or the refusal when it has none.</summary>
        public static InterfaceAddress RequireAddress(InterfaceFacts uplink, IEnumerable<InterfaceAddress> addresses) =>
            IpAddrListing.PrimaryAddress(addresses, uplink.Name) ?? throw HostNatErrors.NoAddress(uplink.Name);

        private static string? NormalizeMac(string? mac) =>
            string.IsNullOrWhiteSpace(mac) ? null : mac!.Trim().ToLowerInvariant();
    }
}
