using System.Diagnostics;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.Metrics;
using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>
    /// Start-HaNatMonitor's loop, which only keeps time. Every interval (the fast interval while its self-check fails,
    /// or at once when the egress probe goes unanswered too long): send a heartbeat to each peer, with the last
    /// self-check's verdict. The self-check runs on its own period (<see cref="FailoverSettings.SelfCheckSeconds"/>),
    /// so beats can be frequent and cheap; while it fails it runs before each beat, so each unhealthy report is a
    /// fresh verdict. Every step: take in the peers' beats → ping the peers that missed a beat → failover policy → hand
    /// its actions to the worker. While anything is afoot (a peer late, unhealthy, leaving or unlisted; this NAT
    /// unhealthy or leaving; an action in flight or due for a retry) a step comes every tenth of a second at most, so a
    /// silence is acted on when it is up, not at the next beat; while all is quiet the loop sleeps until its next beat,
    /// its next self-check, the egress probe's late mark, or a peer's beat is overdue, whichever comes first
    /// (<see cref="QuietWake"/>): half the wake-ups at the default timings, and no verdict later.
    /// Everything slow runs beside the loop, never in it: the EC2 reads of peers and routes, the heartbeat key's
    /// fetch, the egress probe, the pings, and the takeovers and marks, so a slow AWS call never delays a heartbeat.
    /// Runs on the caller's thread until the token trips, or until this NAT has left.
    ///
    /// Leaving (a planned departure: SIGTERM, or IMDS says the group terminates it, a spot notice, a rebalance
    /// recommendation, all read beside the loop by <see cref="DepartureWatch"/>): from that step on, every beat says
    /// "leaving", the first one at once and then every half interval; the policy takes and marks nothing; and the
    /// <see cref="Handover"/> waits, beside the loop, until the peers have taken every route that pointed here. The
    /// loop ends when the handover has ended (done or failed). Until IMDS has answered once, nothing is taken: a
    /// monitor started again on a NAT that is leaving must take no zone.
    /// </summary>
    internal sealed class MonitorLoop : IDisposable
    {
        private const double MaxStepSeconds = 0.1;

        private readonly MonitorOptions _options;
        private readonly AwsSession _session;
        private readonly MonitorLog _log;
        private readonly FailoverSettings _settings;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Ec2RetryPolicy _retry = Ec2RetryPolicy.Default;
        private readonly Random _jitter = new Random();
        private readonly IAmazonEC2 _ec2;
        private readonly PeerTable _peers;
        private readonly HeartbeatKeySource _keySource;
        private readonly SelfChecker _self;
        private readonly SilentPeerPings _pings;
        private readonly PeerRefresh _refresh;
        private readonly FailoverState _state;
        private readonly DecisionLog _decisions;
        private readonly ActionWorker _worker;
        private readonly DepartureWatch _departure;
        private readonly Handover _handover;
        private readonly ZoneAddressKeeper? _addresses;
        private readonly ConnectionRelay? _relay;
        private readonly MonitorMetrics? _metrics;
        private HeartbeatLink? _link;
        private DepartureTrigger _leaving = DepartureTrigger.None;
        private Task<bool>? _handoverTask;
        private IReadOnlyList<HaNat.Model.DataPlaneCheck> _checks = Array.Empty<HaNat.Model.DataPlaneCheck>();

        public MonitorLoop(MonitorOptions options, AwsSession session, MonitorLog log)
        {
            _options = options;
            _session = session;
            _log = log;
            _settings = options.Settings;
            // Every EC2, SSM and Auto Scaling call of the monitor: one attempt, two seconds at most (Ec2RetryPolicy says
            // why); a takeover, a mark, a directory read or the key's fetch is retried whole on the policy's cadence.
            var bounds = _retry.CallBounds;
            _ec2 = session.CreateEc2Client(bounds);
            var reader = new Ec2Reader(_ec2, session);
            _peers = new PeerTable(options.InstanceId);
            _keySource = new HeartbeatKeySource(session, reader, options.VpcId, options.HeartbeatKeyParameter, log, _retry);
            ProbeRunner? probe = null;
            if (options.Probe != null)
            {
                var timeout = TimeSpan.FromSeconds(Math.Min(2, Math.Max(0.5, _settings.SelfCheckSeconds * 2)));
                probe = new ProbeRunner(options.Probe, timeout, _settings.ProbeLateSeconds);
            }
            _self = new SelfChecker(options.VpcCidrBlocks, options.MacAddress, probe, log);
            _pings = new SilentPeerPings(_settings);
            _refresh = new PeerRefresh(new PeerDirectory(reader, options.VpcId, options.Tag), options.PeerRefreshSeconds, session.Cancellation, log,
                _retry, _jitter.NextDouble);
            _state = new FailoverState(options.InstanceId, _retry, _jitter.NextDouble);
            _decisions = new DecisionLog(options.InstanceId, log);
            _departure = new DepartureWatch(new InstanceMetadataClient(), options.DepartureCheckSeconds, log);
            _handover = new Handover(session, _ec2, options, log);
            // A failed zone's Elastic IP follows the zone to this NAT (not in the -Once round, which takes nothing).
            _addresses = options.Once ? null : new ZoneAddressKeeper(session, _ec2, options, log);
            // Connections open through a NAT that hands its zone over finish on it (not in the -Once round either).
            _relay = options.Once ? null : new ConnectionRelay(session, _ec2, options, log);
            // The NAT's metrics: recorded here, published beside the loop, never by it.
            _metrics = MonitorMetrics.For(options, session, reader, () => Now, log);
            _worker = new ActionWorker(new FailoverExecutor(session, _ec2, options.InstanceId, options.Tag, log, _addresses, _relay, bounds), log);
        }

        /// <summary>Why this NAT left (the trigger of its handover); None when the loop ended otherwise.</summary>
        public DepartureTrigger Departed { get; private set; } = DepartureTrigger.None;

        private double Now => _clock.Elapsed.TotalSeconds;

        public void Run(CancellationToken stop)
        {
            _link = new HeartbeatLink(_options, _clock, _log);
            _log.Event("start", ("instance", _options.InstanceId), ("zone", _options.Zone), ("vpc", _options.VpcId),
                ("port", _link.Port), ("interval_s", _settings.IntervalSeconds), ("missed", _settings.MissedHeartbeats),
                ("probe", _options.Probe?.Target ?? "none"), ("ruleset_reads", _self.RulesetReads), ("once", _options.Once ? "true" : null));

            if (_options.Once)
            {
                _keySource.RunAsync(stop, once: true).GetAwaiter().GetResult();
                _refresh.Start(Now);
                _refresh.Wait(stop);
                Check(Now, stop);
                Tick(stop, beat: true);
                return;
            }

            // What runs beside the loop ends with it: on the stop, or once this NAT has left (a SIGTERM does not trip
            // the stop token, so that the handover's AWS calls go through).
            using var beside = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var keyTask = Task.Run(() => _keySource.RunAsync(beside.Token));
            _worker.Start(beside.Token);
            _departure.Start(beside.Token);
            _addresses?.Start(beside.Token);
            _relay?.Start(beside.Token);
            _metrics?.Start(beside.Token);

            var step = Math.Min(MaxStepSeconds, _settings.IntervalSeconds / 2);
            var nextBeat = Now;
            var lastBeat = double.NegativeInfinity;
            var nextCheck = Now;
            while (!stop.IsCancellationRequested)
            {
                if (_leaving == DepartureTrigger.None && LeaveTrigger() is var trigger && trigger != DepartureTrigger.None)
                {
                    StartLeaving(trigger, stop);
                    nextBeat = Now; // tell the peers at once
                }
                var now = Now;
                // Beats never come closer than the fast interval, so K unhealthy reports always span K − 1 of them.
                var spaced = now - lastBeat >= _settings.FastIntervalSeconds;
                var probeLate = spaced && _self.ProbeLate(now);
                var beat = now >= nextBeat || probeLate;
                // The self-check on its own period; before each beat while it fails (for K fast intervals: the reports the
                // peers count, each a fresh verdict; then its own period again, so a lasting failure costs no more); and
                // at once when the probe is late. A check that finds a new failure is beaten at once.
                var recheck = _self.Healthy == false && _self.UnhealthySince is double since &&
                    now - since < (_settings.MissedHeartbeats + 1) * _settings.FastIntervalSeconds;
                if (now >= nextCheck || beat && (recheck || probeLate))
                {
                    var wasHealthy = _self.Healthy != false;
                    Check(now, stop);
                    nextCheck = now + _settings.SelfCheckSeconds;
                    if (wasHealthy && _self.Healthy == false && spaced) beat = true;
                }
                Tick(stop, beat);
                if (beat)
                {
                    lastBeat = now;
                    // On a fixed schedule from the last planned beat, so that the peers' silence clocks are fair; faster
                    // while this NAT fails its own check, or is leaving.
                    var period = _self.Healthy == false || _leaving != DepartureTrigger.None ? _settings.FastIntervalSeconds : _settings.IntervalSeconds;
                    nextBeat = Math.Min(nextBeat, now) + period;
                    if (nextBeat <= Now) nextBeat = Now + period; // fell behind (a stalled host): no burst to catch up
                }
                if (_handoverTask != null && _handoverTask.IsCompleted)
                {
                    Departed = _leaving;
                    break;
                }
                var at = Now;
                var until = QuietUntil(at) is double quiet ? Math.Min(Math.Min(nextBeat, nextCheck), quiet) : Math.Min(nextBeat, at + step);
                var wait = until - at;
                if (wait > 0) stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait));
            }
            beside.Cancel();
            _worker.Stop();
            _departure.Wait();
            _addresses?.Stop();
            _relay?.Stop();
            _metrics?.Stop();
            try { keyTask.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }

        /// <summary>The latest moment to wake while all is quiet; null when the loop must step (<see cref="QuietWake"/>).</summary>
        private double? QuietUntil(double now)
        {
            var ready = _self.Healthy == true && _leaving == DepartureTrigger.None && _handoverTask == null && _link!.HasKey &&
                _departure.FirstReadDone && _worker.Idle && _state.Settled;
            return QuietWake.Until(now, ready, _peers.Views, _self.ProbeLateAt, _settings);
        }

        private DepartureTrigger LeaveTrigger()
        {
            var asked = _options.Departure?.Trigger ?? DepartureTrigger.None;
            return asked != DepartureTrigger.None ? asked : _departure.Trigger;
        }

        private void StartLeaving(DepartureTrigger trigger, CancellationToken stop)
        {
            _leaving = trigger;
            _log.Event("leaving", ("trigger", DepartureSignals.Name(trigger)), ("zone", _options.Zone));
            _handover.HealthyPeers = HealthyPeers(Now);
            _handoverTask = _handover.Start(trigger, stop);
        }

        /// <summary>Peers heard within the silence window, reporting healthy, and not leaving: who can take this NAT's zones.</summary>
        private int HealthyPeers(double now) => _peers.Views.Count(v =>
            v.LastBeatAt.HasValue && now - v.LastBeatAt.Value <= _settings.SilentAfterSeconds && v.ReportsHealthy && !v.Leaving);

        private void Tick(CancellationToken stop, bool beat)
        {
            var link = _link!;
            var now = Now;
            if (_refresh.TakeFinished(now) is DirectoryRead read) ApplyRead(read);
            _refresh.StartIfDue(now);

            link.Arm(_keySource.Key);
            if (beat) link.Send(_peers, _self.Healthy == true, _checks, _settings.HearWindowSeconds, Now, _leaving != DepartureTrigger.None);
            if (link.Receive(_peers, Now)) _refresh.Request(); // a NAT EC2 did not list to us yet: ask EC2 again soon
            _pings.Run(_peers, Now);
            if (_leaving != DepartureTrigger.None) _handover.HealthyPeers = HealthyPeers(Now);
            // Nothing is decided before IMDS said once whether this NAT is leaving (-Once reads no IMDS).
            if (link.HasKey && (_options.Once || _departure.FirstReadDone || _leaving != DepartureTrigger.None)) Decide(Now);
            foreach (var result in _worker.Drain())
            {
                _state.Finished(result.Action, result.Succeeded, Now, result.ZoneOwner, result.Transient);
                _metrics?.Finished(result, Now);
            }
            if (_metrics?.ObservationDue(Now, _state.RoutesReadAt.HasValue) == true)
            {
                _metrics.Observe(Now, _self.Healthy, _peers.HeardWithin(Now, 2 * _settings.IntervalSeconds).Count, _state.ZonesOwnedBy(_options.InstanceId));
            }
            foreach (var line in _session.Log.Drain())
            {
                if (_options.LogAwsCalls) _log.Event("aws", ("call", line));
            }
        }

        private void Check(double now, CancellationToken stop) => _checks = _self.Run(now, stop);

        private void ApplyRead(DirectoryRead read)
        {
            var peers = read.Nats.Where(n => n.InstanceId != _options.InstanceId).ToList();
            if (_peers.ApplyListing(peers, read.ReadAt))
            {
                _log.Event("peers", ("count", peers.Count),
                    ("peers", peers.Count == 0 ? "none" : string.Join(",", peers.OrderBy(p => p.InstanceId, StringComparer.Ordinal).Select(p => $"{p.InstanceId}@{p.Zone}/{p.PrivateIpAddress ?? "?"}"))));
            }
            _state.ApplyRouteRead(read.RouteOwners, read.ReadAt);
            _addresses?.Nudge(); // a zone this NAT carries an address for may be its own NAT's again: check beside the loop
        }

        private void Decide(double now)
        {
            var self = new SelfView(_options.InstanceId, _options.Zone, _self.Healthy == true)
            {
                UnhealthySince = _self.UnhealthySince,
                LocalCheckFails = _self.LocalCheckFails,
                Leaving = _leaving != DepartureTrigger.None,
            };
            var decisions = FailoverPolicy.Step(_state, self, _peers.Views, now, _settings);
            foreach (var zone in _decisions.Peers(decisions.Peers)) _state.PeerAlive(zone);
            _decisions.Zones(decisions.Zones, _state.OwnerOf);

            var alive = decisions.Peers.Where(p => p.Status == PeerStatus.Alive).Select(p => p.InstanceId).ToList();
            foreach (var action in decisions.Actions)
            {
                if (action.Kind == ActionKind.MarkUnhealthy && action.InstanceId == _options.InstanceId)
                    _log.Event("self-mark-unhealthy", ("reason", action.Reason));
                _worker.Add(action, alive);
            }
            if (decisions.WantRoutes) _refresh.WantRoutes();
        }

        public void Dispose()
        {
            _link?.Dispose();
            _self.Dispose();
            _ec2.Dispose();
            _worker.Dispose();
            _metrics?.Dispose();
        }
    }
}
