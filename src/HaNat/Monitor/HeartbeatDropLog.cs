namespace HaNat.Monitor
{
    /// <summary>
    /// Logs dropped heartbeats without flooding: one line per sender and reason every <see cref="QuietSeconds"/>,
    /// carrying how many were dropped since the last line.
    /// </summary>
    internal sealed class HeartbeatDropLog
    {
        public const double QuietSeconds = 10;

        private readonly MonitorLog _log;
        private readonly Dictionary<string, (double At, int Count)> _drops = new Dictionary<string, (double, int)>(StringComparer.Ordinal);

        public HeartbeatDropLog(MonitorLog log)
        {
            _log = log;
        }

        public void Dropped(string source, HeartbeatVerdict verdict, double now)
        {
            var key = source + "|" + verdict;
            if (_drops.TryGetValue(key, out var seen) && now - seen.At < QuietSeconds)
            {
                _drops[key] = (seen.At, seen.Count + 1);
                return;
            }
            var count = _drops.TryGetValue(key, out var previous) ? previous.Count + 1 : 1;
            _log.Event("heartbeat-dropped", ("from", source), ("reason", Kebab(verdict.ToString())), ("count", count));
            _drops[key] = (now, 0);
        }

        private static string Kebab(string name) =>
            string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
