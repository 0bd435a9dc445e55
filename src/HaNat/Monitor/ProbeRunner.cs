using System;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Health;

namespace HaNat.Monitor
{
    /// <summary>
    /// Runs the egress probe beside the loop, one at a time, so a target that does not answer never holds up a
    /// heartbeat. The self-check uses the last finished probe; one still running past its timeout has failed.
    /// </summary>
    public sealed class ProbeRunner
    {
        private readonly EgressProbe _probe;
        private readonly TimeSpan _timeout;
        private Task<ProbeOutcome>? _running;
        private ProbeOutcome? _latest;

        public ProbeRunner(EgressProbe probe, TimeSpan timeout)
        {
            _probe = probe;
            _timeout = timeout;
        }

        public string Target => _probe.Target;

        /// <summary>Called once per tick on the loop: collects a finished probe and starts the next.</summary>
        public ProbeOutcome? Tick(CancellationToken cancellation)
        {
            if (_running != null && _running.IsCompleted)
            {
                if (_running.Status == TaskStatus.RanToCompletion) _latest = _running.Result;
                _running = null;
            }
            if (_running == null && !cancellation.IsCancellationRequested)
            {
                _running = Task.Run(() => _probe.RunAsync(_timeout, cancellation));
            }
            return _latest;
        }
    }
}
