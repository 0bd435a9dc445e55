using HaNat.DataPlane;
using HaNat.Model;

namespace HaNat.Monitor
{
    /// <summary>
    /// The NAT's own data-plane check, once per beat: forwarding, masquerade, routes, and the egress probe. Remembers
    /// since when it has failed, and logs a line only when the set of failing checks changes. The host is read through
    /// <see cref="DataPlaneWatch"/>, which re-reads the ruleset only when the kernel says it changed.
    /// </summary>
    internal sealed class SelfChecker : IDisposable
    {
        private readonly DataPlaneWatch _dataPlane = new DataPlaneWatch();
        private readonly IReadOnlyList<string> _vpcCidrBlocks;
        private readonly string? _macAddress;
        private readonly ProbeRunner? _probe;
        private readonly MonitorLog _log;

        public SelfChecker(IReadOnlyList<string> vpcCidrBlocks, string? macAddress, ProbeRunner? probe, MonitorLog log)
        {
            _vpcCidrBlocks = vpcCidrBlocks;
            _macAddress = macAddress;
            _probe = probe;
            _log = log;
        }

        /// <summary>Null before the first check.</summary>
        public bool? Healthy { get; private set; }
        /// <summary>Since when the check has failed without a break; null when healthy.</summary>
        public double? UnhealthySince { get; private set; }
        /// <summary>The failing checks' names, comma-separated.</summary>
        public string Failing { get; private set; } = "";

        /// <summary>Whether a local check fails (not only the egress probe, whose target may be the one at fault).</summary>
        public bool LocalCheckFails => Failing.Split(',').Any(n => n.Length > 0 && n != DataPlaneCheck.EgressProbe);

        /// <summary>How the ruleset is read ("on-change" or "every-beat"), for the start line.</summary>
        public string RulesetReads => _dataPlane.RulesetReads;

        /// <summary>Whether the egress probe has gone unanswered too long: the loop then beats at once.</summary>
        public bool ProbeLate(double now) => _probe?.IsLate(now) == true;

        /// <summary>When the egress probe in flight turns late (<see cref="ProbeLate"/>); null when none is in flight.</summary>
        public double? ProbeLateAt => _probe?.LateAt;

        public IReadOnlyList<DataPlaneCheck> Run(double now, CancellationToken stop)
        {
            IReadOnlyList<DataPlaneCheck> checks;
            try
            {
                var facts = _dataPlane.Read(_vpcCidrBlocks, _macAddress, now);
                if (_probe != null)
                {
                    facts.Probe = _probe.Tick(now, stop);
                    if (facts.Probe == null) facts.ProbePending = _probe.Target;
                }
                checks = DataPlaneJudge.Judge(facts);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                checks = new[] { new DataPlaneCheck("SelfCheck", false, "the self-check could not run: " + ex.Message) };
            }

            var failing = checks.Where(c => !c.Healthy).ToList();
            var healthy = failing.Count == 0;
            var names = string.Join(",", failing.Select(c => c.Name));
            if (Healthy != healthy || names != Failing)
            {
                if (healthy) _log.Event("self-healthy", ("was_failing", Healthy == false ? Failing : null));
                else _log.Event("self-unhealthy", ("failing", names), ("detail", string.Join("; ", failing.Select(c => c.Name + ": " + c.Detail))));
            }
            if (!healthy && UnhealthySince == null) UnhealthySince = now;
            if (healthy) UnhealthySince = null;
            Healthy = healthy;
            Failing = names;
            return checks;
        }

        public void Dispose() => _dataPlane.Dispose();
    }
}
