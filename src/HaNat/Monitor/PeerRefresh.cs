namespace HaNat.Monitor
{
    /// <summary>
    /// Re-reads the VPC's NATs and routes from EC2 beside the loop, one read at a time: every refresh period, within
    /// a second of a request (a peer EC2 did not list yet beat), and at once when the policy waits on a route read
    /// (that one is not held back by the throttle on other requests).
    /// </summary>
    internal sealed class PeerRefresh
    {
        private const double RefreshOnRequestSeconds = 1;

        private readonly PeerDirectory _directory;
        private readonly double _periodSeconds;
        private readonly CancellationToken _sessionCancellation;
        private readonly MonitorLog _log;
        private Task<DirectoryRead>? _running;
        private double _lastStart = double.NegativeInfinity;
        private bool _requested = true;
        private bool _routesWanted;

        public PeerRefresh(PeerDirectory directory, double periodSeconds, CancellationToken sessionCancellation, MonitorLog log)
        {
            _directory = directory;
            _periodSeconds = periodSeconds;
            _sessionCancellation = sessionCancellation;
            _log = log;
        }

        /// <summary>Asks for a read soon (throttled to one a second).</summary>
        public void Request() => _requested = true;

        /// <summary>Asks for a read at once: a NAT alone waits on it to act.</summary>
        public void WantRoutes() => _routesWanted = true;

        public void StartIfDue(double now)
        {
            if (_routesWanted || _requested && now - _lastStart >= RefreshOnRequestSeconds || now - _lastStart >= _periodSeconds) Start(now);
        }

        public void Start(double now)
        {
            if (_running != null) return;
            _lastStart = now;
            _requested = false;
            _routesWanted = false;
            _running = Task.Run(() => _directory.ReadAsync(now));
        }

        /// <summary>Waits for the read in flight (the -Once round).</summary>
        public void Wait(CancellationToken stop)
        {
            try { _running?.Wait(stop); } catch (Exception ex) when (ex is OperationCanceledException || ex is AggregateException) { }
        }

        /// <summary>The read that finished since the last call, if any; a failed one is logged and yields null.</summary>
        public DirectoryRead? TakeFinished()
        {
            if (_running == null || !_running.IsCompleted) return null;
            var task = _running;
            _running = null;
            if (task.Status == TaskStatus.RanToCompletion) return task.Result;
            var error = task.Exception?.GetBaseException();
            if (!_sessionCancellation.IsCancellationRequested) _log.Event("peers-refresh-failed", ("error", error?.Message ?? "cancelled"));
            return null;
        }
    }
}
