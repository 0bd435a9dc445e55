using System.Text;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Splits `iptables-save` output (every table in one run) into one `iptables -S`-style listing per table, so
    /// that the self-check costs one process per second and still reuses <see cref="HostNat.IptablesRule"/>'s parsing.
    /// A builtin chain's ":CHAIN POLICY [p:b]" line becomes "-P CHAIN POLICY"; a user chain's ":CHAIN - [p:b]"
    /// becomes "-N CHAIN"; rule lines ("-A ...") are kept as they are. Pure.
    /// </summary>
    internal static class IptablesSave
    {
        public static IReadOnlyDictionary<string, string> Split(string? output)
        {
            var tables = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
            StringBuilder? current = null;
            foreach (var raw in (output ?? "").Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("*", StringComparison.Ordinal))
                {
                    var name = line.Substring(1).Trim();
                    if (!tables.TryGetValue(name, out current)) tables[name] = current = new StringBuilder();
                }
                else if (line == "COMMIT")
                {
                    current = null;
                }
                else if (current != null && line.StartsWith(":", StringComparison.Ordinal))
                {
                    var parts = line.Substring(1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2) continue;
                    current.Append(parts[1] == "-" ? $"-N {parts[0]}" : $"-P {parts[0]} {parts[1]}").Append('\n');
                }
                else if (current != null && line.StartsWith("-A ", StringComparison.Ordinal))
                {
                    current.Append(line).Append('\n');
                }
            }
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in tables) result[pair.Key] = pair.Value.ToString();
            return result;
        }
    }
}
