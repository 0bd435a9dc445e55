namespace HaNat.HostNat
{
    /// <summary>
    /// The kernel settings a NAT needs, and which of them differ now. Pure: the caller reads and writes /proc/sys.
    /// </summary>
    internal static class SysctlPlanner
    {
        /// <summary>
        /// Dotted key → value. ICMP redirects are turned off first: with one interface the NAT would otherwise tell
        /// private hosts to skip it and talk to the gateway directly, which the VPC drops. ip_forward comes last, so
        /// the host starts forwarding only when everything else is in place.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Desired(string uplink) => new[]
        {
            new KeyValuePair<string, string>("net.ipv4.conf.all.send_redirects", "0"),
            new KeyValuePair<string, string>("net.ipv4.conf.default.send_redirects", "0"),
            new KeyValuePair<string, string>($"net.ipv4.conf.{uplink}.send_redirects", "0"),
            new KeyValuePair<string, string>("net.ipv4.ip_forward", "1"),
        };

        /// <param name="read">Current value of a key; null when unreadable.</param>
        public static IReadOnlyList<SysctlWrite> Plan(string uplink, Func<string, string?> read) =>
            Desired(uplink)
                .Select(d => (d, current: read(d.Key)?.Trim()))
                .Where(x => x.current != x.d.Value)
                .Select(x => new SysctlWrite(x.d.Key, x.d.Value, x.current))
                .ToList();

        /// <summary>
        /// A connection relay (<see cref="RelayPlanner"/>) forwards packets back out of the interface they came in on,
        /// which is exactly when the kernel sends the sender an ICMP redirect ("reach that destination via the previous
        /// NAT directly"). A private host that takes it sends every new connection to the previous NAT, bypassing its
        /// route table, and loses them all once that NAT is gone. The kernel sends redirects out of an interface when
        /// its own setting or `all` says so, so the relay's interface is set too (it is the uplink on a NAT with one
        /// interface, already set by <see cref="Plan"/>; not on one whose NATs meet on a second interface).
        /// </summary>
        public static IReadOnlyList<SysctlWrite> PlanNoRedirects(string device, Func<string, string?> read) =>
            new[] { "net.ipv4.conf.all.send_redirects", $"net.ipv4.conf.{device}.send_redirects" }
                .Select(key => (key, current: read(key)?.Trim()))
                .Where(x => x.current != "0")
                .Select(x => new SysctlWrite(x.key, "0", x.current))
                .ToList();

        /// <summary>/proc/sys path of a key. The interface's part is kept whole, since eth0.100 is one directory.</summary>
        public static string PathOf(string key, string uplink)
        {
            var interfaceKey = $"net.ipv4.conf.{uplink}.";
            if (key.StartsWith(interfaceKey, StringComparison.Ordinal))
            {
                return $"/proc/sys/net/ipv4/conf/{uplink}/{key.Substring(interfaceKey.Length)}";
            }
            return "/proc/sys/" + key.Replace('.', '/');
        }
    }
}
