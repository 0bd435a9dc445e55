using System.Globalization;
using System.IO;

namespace HaNat.Metrics
{
    /// <summary>
    /// Reads <see cref="HostCounters"/> from /proc and /sys: a handful of small files (two of conntrack's, its statistics
    /// table of one row per CPU, and four per network interface), never the connection table itself, which on a busy
    /// NAT holds 100,000 entries or more. A file that is missing or unreadable leaves its counter unknown.
    /// </summary>
    internal sealed class HostCounterReader
    {
        private readonly string _root;

        /// <param name="root">Where /proc and /sys are ("/"; a test passes a directory holding sample files).</param>
        public HostCounterReader(string root = "/")
        {
            _root = root;
        }

        /// <summary>The conntrack table's size and limit only: what is sampled several times a period.</summary>
        public HostCounters ReadTable() => new HostCounters
        {
            ConntrackCount = Number("proc/sys/net/netfilter/nf_conntrack_count"),
            ConntrackMax = Number("proc/sys/net/netfilter/nf_conntrack_max"),
        };

        /// <summary>Everything: the table, conntrack's error counters, and the interfaces' counters.</summary>
        public HostCounters Read()
        {
            var table = ReadTable();
            var stat = Text("proc/net/stat/nf_conntrack") is string text ? ConntrackStatistics.Parse(text) : null;
            long? Stat(params string[] names)
            {
                if (stat == null) return null;
                var found = names.Where(stat.ContainsKey).ToList();
                return found.Count == 0 ? (long?)null : found.Sum(n => stat[n]);
            }

            long? bytesIn = null, bytesOut = null, drops = null;
            var interfaces = Path.Combine(_root, "sys/class/net");
            if (Directory.Exists(interfaces))
            {
                foreach (var dir in Directory.GetDirectories(interfaces))
                {
                    var name = Path.GetFileName(dir);
                    if (name == "lo") continue;
                    var statistics = Path.Combine("sys/class/net", name, "statistics");
                    bytesIn = Add(bytesIn, Number(Path.Combine(statistics, "rx_bytes")));
                    bytesOut = Add(bytesOut, Number(Path.Combine(statistics, "tx_bytes")));
                    drops = Add(drops, Add(Number(Path.Combine(statistics, "rx_dropped")), Number(Path.Combine(statistics, "tx_dropped"))));
                }
            }

            return table with
            {
                InsertFailed = Stat("insert_failed"),
                ConntrackDrops = Stat("drop", "early_drop"),
                BytesIn = bytesIn,
                BytesOut = bytesOut,
                InterfaceDrops = drops,
            };
        }

        private static long? Add(long? a, long? b) => a.HasValue || b.HasValue ? (a ?? 0) + (b ?? 0) : (long?)null;

        private string? Text(string relative)
        {
            try
            {
                return File.ReadAllText(Path.Combine(_root, relative));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private long? Number(string relative) =>
            Text(relative) is string text && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
    }
}
