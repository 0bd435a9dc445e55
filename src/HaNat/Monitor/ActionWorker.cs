using System.Collections.Concurrent;

namespace HaNat.Monitor
{
    /// <summary>
    /// Carries out the policy's actions on a thread of its own, one at a time, so that a slow takeover never delays a
    /// heartbeat; the loop collects the results on its own thread.
    /// </summary>
    internal sealed class ActionWorker : IDisposable
    {
        private readonly FailoverExecutor _executor;
        private readonly MonitorLog _log;
        private readonly BlockingCollection<(FailoverAction Action, IReadOnlyCollection<string> Alive)> _actions =
            new BlockingCollection<(FailoverAction, IReadOnlyCollection<string>)>();
        private readonly ConcurrentQueue<ActionResult> _results = new ConcurrentQueue<ActionResult>();
        private Thread? _thread;
        private int _unfinished;

        public ActionWorker(FailoverExecutor executor, MonitorLog log)
        {
            _executor = executor;
            _log = log;
        }

        public void Start(CancellationToken stop)
        {
            _thread = new Thread(() => Work(stop)) { IsBackground = true, Name = "hanat-monitor-actions" };
            _thread.Start();
        }

        /// <param name="alive">Peers alive when the action was decided.</param>
        public void Add(FailoverAction action, IReadOnlyCollection<string> alive)
        {
            if (_actions.IsAddingCompleted) return;
            Interlocked.Increment(ref _unfinished);
            _actions.Add((action, alive));
        }

        /// <summary>No action waits or runs, and every result has been drained.</summary>
        public bool Idle => Volatile.Read(ref _unfinished) == 0 && _results.IsEmpty;

        public IEnumerable<ActionResult> Drain()
        {
            while (_results.TryDequeue(out var result)) yield return result;
        }

        /// <summary>Takes no more actions and gives the one running a few seconds to end.</summary>
        public void Stop()
        {
            _actions.CompleteAdding();
            _thread?.Join(TimeSpan.FromSeconds(5));
        }

        private void Work(CancellationToken stop)
        {
            try
            {
                foreach (var (action, alive) in _actions.GetConsumingEnumerable(stop))
                {
                    try
                    {
                        _results.Enqueue(_executor.Run(action, alive));
                        Interlocked.Decrement(ref _unfinished);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException && stop.IsCancellationRequested) && !(ex is OutOfMemoryException))
                    {
                        // An action's failure must never end the monitor: heartbeats go on, the policy retries later. A
                        // cancellation while the monitor is not stopping is a call that got no answer in time (a client's
                        // timeout that surfaced as such): EC2's failure, retried soon like one, and never the end of this
                        // thread, which would leave every later takeover undone.
                        var transient = ex is OperationCanceledException || Ec2RetryPolicy.IsTransient(ex);
                        _log.Event("action-failed", ("action", action.ToString()), ("error", ex.GetBaseException().Message),
                            ("transient", transient ? "true" : null));
                        _results.Enqueue(new ActionResult(action, false, Transient: transient));
                        Interlocked.Decrement(ref _unfinished);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        public void Dispose() => _actions.Dispose();
    }
}
