using System.Globalization;

namespace HaNat.Metrics
{
    /// <summary>
    /// Reads /proc/net/stat/nf_conntrack: a header of column names, then one row of hexadecimal counters per CPU. The
    /// columns differ between kernels (some lost "new", newer ones gained "clashres", "chaintoolong"), so they are
    /// found by name. Pure: text in, the counters summed over the CPUs out.
    /// </summary>
    internal static class ConntrackStatistics
    {
        /// <summary>"entries" is the table's size, the same in every row: not a per-CPU counter, never summed.</summary>
        private const string Entries = "entries";

        public static IReadOnlyDictionary<string, long> Parse(string text)
        {
            var sums = new Dictionary<string, long>(StringComparer.Ordinal);
            var lines = text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0) return sums;
            var names = Fields(lines[0]);
            for (var row = 1; row < lines.Length; row++)
            {
                var values = Fields(lines[row]);
                for (var column = 0; column < Math.Min(names.Length, values.Length); column++)
                {
                    if (names[column] == Entries) continue;
                    if (!long.TryParse(values[column], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) continue;
                    sums[names[column]] = (sums.TryGetValue(names[column], out var sum) ? sum : 0) + value;
                }
            }
            return sums;
        }

        private static string[] Fields(string line) => line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
