namespace HaNat.Monitor
{
    /// <summary>
    /// Re-reads the VPC's NATs and routes from EC2 beside the loop, one read at a time: every refresh period, within
    /// a second of a request (a peer EC2 did not list yet beat), and at once when the policy waits on a route read
    /// (that one is not held back by the throttle on other requests). After a read EC2 failed, no read of any kind
    /// starts before the retry policy's delay (<see cref="Ec2RetryPolicy"/>): a NAT alone asks for routes every step,
    /// which would otherwise hammer a failing EC2 ten times a second.
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
        private readonly Ec2RetryPolicy _retry;
        private readonly Func<double> _unitRandom;
        private int _failures;
        private double _retryAt = double.NegativeInfinity;

        public PeerRefresh(PeerDirectory directory, double periodSeconds, CancellationToken sessionCancellation, MonitorLog log,
            Ec2RetryPolicy? retry = null, Func<double>? unitRandom = null)
        {
            _directory = directory;
            _periodSeconds = periodSeconds;
            _sessionCancellation = sessionCancellation;
            _log = log;
            _retry = retry ?? Ec2RetryPolicy.Default;
            _unitRandom = unitRandom ?? (() => 0.5);
        }

        /// <summary>Asks for a read soon (throttled to one a second).</summary>
        public void Request() => _requested = true;

        /// <summary>Asks for a read at once: a NAT alone waits on it to act.</summary>
        public void WantRoutes() => _routesWanted = true;

        public void StartIfDue(double now)
        {
            if (now < _retryAt) return;
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
        /// <param name="now">When the loop looked: a failed read's retry is counted from then (a read that timed out ended long after it began).</param>
        public DirectoryRead? TakeFinished(double now)
        {
            if (_running == null || !_running.IsCompleted) return null;
            var task = _running;
            _running = null;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                _failures = 0;
                _retryAt = double.NegativeInfinity;
                return task.Result;
            }
            var error = task.Exception?.GetBaseException();
            // Whatever failed it, the next read waits: the policy's short delay while fast retries last, then the period.
            _failures++;
            var delay = _retry.DelayAfter(_failures, _unitRandom()) ?? _periodSeconds;
            _retryAt = now + delay;
            if (!_sessionCancellation.IsCancellationRequested)
                _log.Event("peers-refresh-failed", ("error", error?.Message ?? "cancelled"), ("retry_s", Math.Round(delay, 2)));
            return null;
        }
    }
}
