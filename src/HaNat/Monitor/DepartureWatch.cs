using HaNat.Aws;

namespace HaNat.Monitor
{
    /// <summary>
    /// Polls IMDS beside the monitor's loop (never on it) for a planned departure: the group's target lifecycle state,
    /// a spot interruption notice, a rebalance recommendation (<see cref="DepartureSignals"/>), with one IMDSv2 token
    /// reused until IMDS refuses it. The lifecycle state every poll (a group's scale-in waits on the handover); the two
    /// notices every <see cref="NoticeEvery"/>th poll, the first included (a monitor started again on a NAT that is
    /// leaving must know it before it decides anything): a spot notice comes two minutes before the end and a rebalance
    /// recommendation earlier still, so a few seconds more cost nothing, while each GET costs the NAT CPU every second.
    /// Stops polling once it has seen a trigger.
    /// </summary>
    internal sealed class DepartureWatch
    {
        /// <summary>The spot notice and the rebalance recommendation are read every this many polls (5 s at the default 1 s).</summary>
        public const int NoticeEvery = 5;

        private static readonly Task<string?> NotRead = Task.FromResult<string?>(null);
        private readonly InstanceMetadataClient _imds;
        private readonly TimeSpan _interval;
        private readonly MonitorLog _log;
        private volatile bool _firstReadDone;
        private int _trigger;
        private Task? _task;

        public DepartureWatch(InstanceMetadataClient imds, double intervalSeconds, MonitorLog log)
        {
            _imds = imds;
            _interval = TimeSpan.FromSeconds(intervalSeconds);
            _log = log;
        }

        /// <summary>Whether the first poll has ended (read, or failed): until then the monitor takes nothing.</summary>
        public bool FirstReadDone => _firstReadDone;

        /// <summary>The trigger seen, or None.</summary>
        public DepartureTrigger Trigger => (DepartureTrigger)Volatile.Read(ref _trigger);

        public void Start(CancellationToken stop) => _task = Task.Run(() => PollAsync(stop));

        /// <summary>Whether the poll numbered <paramref name="poll"/> (from 0) reads the spot notice and the rebalance recommendation too.</summary>
        public static bool ReadsNotices(long poll) => poll % NoticeEvery == 0;

        private async Task PollAsync(CancellationToken stop)
        {
            string? token = null;
            string? lastError = null;
            var poll = 0L;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    token ??= await _imds.GetTokenAsync(stop).ConfigureAwait(false);
                    var notices = ReadsNotices(poll);
                    var read = await Task.WhenAll(
                        _imds.TryGetAsync(token, DepartureSignals.LifecycleStatePath, stop),
                        notices ? _imds.TryGetAsync(token, DepartureSignals.SpotActionPath, stop) : NotRead,
                        notices ? _imds.TryGetAsync(token, DepartureSignals.RebalancePath, stop) : NotRead).ConfigureAwait(false);
                    poll++;
                    var trigger = DepartureSignals.From(read[0], read[1], read[2]);
                    if (lastError != null) _log.Event("departure-check-recovered");
                    lastError = null;
                    if (trigger != DepartureTrigger.None)
                    {
                        _log.Event("departure-notice", ("trigger", DepartureSignals.Name(trigger)),
                            ("lifecycle_state", read[0]), ("spot_action", read[1]), ("rebalance", read[2]));
                        Volatile.Write(ref _trigger, (int)trigger);
                        _firstReadDone = true;
                        return;
                    }
                }
                catch (InstanceMetadataClient.TokenRejectedException)
                {
                    token = null; // expired (or IMDS restarted): a new one at the next poll
                }
                catch (Exception ex) when (!stop.IsCancellationRequested && !(ex is OutOfMemoryException))
                {
                    // IMDS is read again next time; one line per kind of failure, not one per poll.
                    var error = ex.GetBaseException().Message;
                    if (error != lastError) _log.Event("departure-check-failed", ("error", error));
                    lastError = error;
                    token = null;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _firstReadDone = true;
                try { await Task.Delay(_interval, stop).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
        }

        /// <summary>Waits briefly for the poll to end after the stop.</summary>
        public void Wait()
        {
            try { _task?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }
    }
}
