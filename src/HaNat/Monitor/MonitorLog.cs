using System.IO;
using System.Text;

namespace HaNat.Monitor
{
    /// <summary>
    /// One line per event, `hanat-monitor event=NAME key=value ...`, for journald and grep: no timestamps (journald
    /// adds them), values quoted only when they hold a space, a quote or an equals sign. Thread-safe: the loop and its
    /// workers write whole lines.
    /// </summary>
    internal sealed class MonitorLog
    {
        public const string Prefix = "hanat-monitor";
        private readonly TextWriter _writer;
        private readonly object _gate = new object();

        public MonitorLog(TextWriter writer)
        {
            _writer = writer;
        }

        public void Event(string name, params (string Key, object? Value)[] fields)
        {
            var line = Format(name, fields);
            lock (_gate)
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
        }

        public static string Format(string name, IEnumerable<(string Key, object? Value)> fields)
        {
            var line = new StringBuilder(Prefix).Append(" event=").Append(name);
            foreach (var (key, value) in fields.Where(f => f.Value != null))
            {
                line.Append(' ').Append(key).Append('=').Append(Quote(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
            return line.ToString();
        }

        public static string Quote(string value)
        {
            // One event, one line: a newline inside a value (an exception's message) must not start another.
            var flat = value.Replace("\r", " ").Replace("\n", " ");
            if (flat.Length > 0 && flat.All(c => c != ' ' && c != '"' && c != '=' && c != '\t')) return flat;
            return "\"" + flat.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        }
    }
}
