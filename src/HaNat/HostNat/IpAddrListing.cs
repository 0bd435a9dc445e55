using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>
    /// Parses `ip -o -4 addr show [dev IF]`: one line per address, e.g.
    /// <c>2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global dynamic eth0\       valid_lft 3599sec ...</c>.
    /// Pure: the caller runs ip.
    /// </summary>
    internal static class IpAddrListing
    {
        public static IReadOnlyList<InterfaceAddress> Parse(string output)
        {
            var addresses = new List<InterfaceAddress>();
            foreach (var line in (output ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                // ip -o folds continuation lines into one with a literal backslash; the part before it is what counts.
                var head = line.Split('\\')[0];
                var tokens = head.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
                var inet = Array.IndexOf(tokens, "inet");
                if (tokens.Length < 2 || inet < 0 || inet + 1 >= tokens.Length) continue;

                var name = tokens[1].TrimEnd(':');
                var at = name.IndexOf('@');
                if (at > 0) name = name.Substring(0, at);

                // "inet 10.0.0.5/24", or point-to-point "inet 10.0.0.5 peer 10.0.0.6/32" where the local address is a /32.
                var local = tokens[inet + 1].Split('/');
                var prefix = 32;
                if (local.Length == 2 && !int.TryParse(local[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix)) continue;
                if (!Ipv4Cidr.TryParse(local[0], out _)) continue;

                var scopeAt = Array.IndexOf(tokens, "scope");
                var scope = scopeAt >= 0 && scopeAt + 1 < tokens.Length ? tokens[scopeAt + 1] : "global";
                addresses.Add(new InterfaceAddress(name, local[0], prefix, scope));
            }
            return addresses;
        }

        /// <summary>The address masquerade will use on <paramref name="interfaceName"/>: the first that can source traffic.</summary>
        public static InterfaceAddress? PrimaryAddress(IEnumerable<InterfaceAddress> addresses, string interfaceName) =>
            addresses.FirstOrDefault(a => a.InterfaceName == interfaceName && a.CanSourceTraffic);
    }
}
