using System.Globalization;
using System.Net;

namespace HaNat.HostNat
{
    /// <summary>
    /// Parses /proc/net/route, which says which interface really carries the default route without depending on the
    /// output format of `ip route`. Pure: the caller reads the file.
    /// </summary>
    internal static class ProcNetRoute
    {
        public static IReadOnlyList<RouteEntry> Parse(string text)
        {
            var routes = new List<RouteEntry>();
            var lines = (text ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0) return routes;
            // Columns are found by their header names, so a kernel that adds a column does not shift the others.
            var header = Fields(lines[0]);
            int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            int iface = Column("Iface"), destination = Column("Destination"), gateway = Column("Gateway"),
                flags = Column("Flags"), metric = Column("Metric"), mask = Column("Mask");
            if (new[] { iface, destination, gateway, flags, metric, mask }.Any(i => i < 0)) return routes;
            var width = new[] { iface, destination, gateway, flags, metric, mask }.Max() + 1;

            foreach (var line in lines.Skip(1))
            {
                var fields = Fields(line);
                if (fields.Length < width) continue;
                if (!Hex(fields[destination], out var dest) || !Hex(fields[gateway], out var gw) || !Hex(fields[flags], out var fl) ||
                    !Hex(fields[mask], out var msk) || !int.TryParse(fields[metric], NumberStyles.None, CultureInfo.InvariantCulture, out var met))
                {
                    continue;
                }
                routes.Add(new RouteEntry(fields[iface], dest, msk, gw == 0 ? null : Address(gw), (int)fl, met));
            }
            return routes;
        }

        /// <summary>The default route the kernel uses: the usable one with the lowest metric, the first listed on a tie.</summary>
        public static RouteEntry? FindDefault(IEnumerable<RouteEntry> routes) =>
            routes.Where(r => r.IsDefault && r.CarriesTraffic)
                .Select((r, index) => (r, index))
                .OrderBy(x => x.r.Metric).ThenBy(x => x.index)
                .Select(x => x.r)
                .FirstOrDefault();

        // The kernel prints the network-order address as a host-order integer, so its host-order bytes are the
        // address bytes in network order: this is right on either endianness.
        private static IPAddress Address(uint printed) => new IPAddress(BitConverter.GetBytes(printed));

        private static string[] Fields(string line) => line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);

        private static bool Hex(string text, out uint value) =>
            uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
