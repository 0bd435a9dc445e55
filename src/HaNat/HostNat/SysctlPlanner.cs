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
