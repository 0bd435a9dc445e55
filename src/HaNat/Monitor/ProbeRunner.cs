using System.Globalization;
using HaNat.DataPlane;

namespace HaNat.Monitor
{
    /// <summary>
    /// Runs the egress probe beside the loop, one at a time, so a target that does not answer never holds up a
    /// heartbeat. The self-check uses the last finished probe; one still running past its "late" mark counts as
    /// failed at once (it may still finish, up to its timeout), so a black hole beyond the NAT is seen in half an
    /// interval rather than a whole timeout.
    /// </summary>
    internal sealed class ProbeRunner
    {
        private readonly EgressProbe _probe;
        private readonly TimeSpan _timeout;
        private readonly double _lateSeconds;
        private Task<ProbeOutcome>? _running;
        private double _startedAt;
        private ProbeOutcome? _latest;

        public ProbeRunner(EgressProbe probe, TimeSpan timeout, double lateSeconds)
        {
            _probe = probe;
            _timeout = timeout;
            _lateSeconds = lateSeconds;
        }

        public string Target => _probe.Target;

        /// <summary>The probe running now has passed its late mark unanswered: the loop checks itself without waiting for the next beat.</summary>
        public bool IsLate(double now) => _running != null && !_running.IsCompleted && now - _startedAt >= _lateSeconds;

        /// <summary>When the probe running now passes its late mark if it is still unanswered; null when none runs.</summary>
        public double? LateAt => _running != null && !_running.IsCompleted ? _startedAt + _lateSeconds : (double?)null;

        /// <summary>
        /// Called at each self-check: collects a finished probe, starts the next, and returns the verdict to judge. A
        /// probe past its late mark is a failure now; it is left to finish on its own and a fresh one starts, so the
        /// verdict follows the path within half an interval when it heals, rather than a whole timeout later.
        /// </summary>
        public ProbeOutcome? Tick(double now, CancellationToken cancellation)
        {
            if (_running != null && _running.IsCompleted)
            {
                if (_running.Status == TaskStatus.RanToCompletion) _latest = _running.Result;
                _running = null;
            }
            if (_running != null && now - _startedAt >= _lateSeconds)
            {
                var ms = (long)((now - _startedAt) * 1000);
                _latest = new ProbeOutcome(_probe.Target, false, "no answer within " + ms.ToString(CultureInfo.InvariantCulture) + " ms", ms);
                _running = null; // abandoned: it ends at its own timeout, and its answer is not waited for
            }
            if (_running == null && !cancellation.IsCancellationRequested)
            {
                _startedAt = now;
                _running = Task.Run(() => _probe.RunAsync(_timeout, cancellation));
            }
            return _latest;
        }
    }
}
