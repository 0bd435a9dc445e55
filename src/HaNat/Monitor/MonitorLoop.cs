using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.Health;

namespace HaNat.Monitor
{
    /// <summary>
    /// Start-HaNatMonitor's loop. Every interval (half an interval while its self-check fails, or at once when the
    /// egress probe goes unanswered too long): self-check → send a heartbeat to each peer. Every step (a tenth of a
    /// second at most): take in the peers' beats → ping the peers that missed a beat → failover policy → hand its
    /// actions to a worker, so that a silence is acted on when it is up, not at the next beat. Everything slow runs
    /// beside the loop, never in it: the EC2 reads of peers and routes, the heartbeat key's fetch, the egress probe,
    /// the pings, and the takeovers and marks, so a slow AWS call never delays a heartbeat. Runs on the caller's
    /// thread until the token trips.
    /// </summary>
    internal sealed class MonitorLoop : IDisposable
    {
        private const double RefreshOnRequestSeconds = 1;
        private const double DropLogSeconds = 10;
        private const double MaxStepSeconds = 0.1;

        private readonly MonitorOptions _options;
        private readonly AwsSession _session;
        private readonly MonitorLog _log;
        private readonly FailoverSettings _settings;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly IAmazonEC2 _ec2;
        private readonly PeerTable _peers;
        private readonly PeerDirectory _directory;
        private readonly HeartbeatKeySource _keySource;
        private readonly DataPlaneReader _dataPlane = new DataPlaneReader();
        private readonly ProbeRunner? _probe;
        private readonly PeerPinger _pinger;
        private readonly Dictionary<string, double> _lastPing = new Dictionary<string, double>(StringComparer.Ordinal);
        private readonly FailoverExecutor _executor;
        private readonly BlockingCollection<(FailoverAction Action, IReadOnlyCollection<string> Alive)> _actions =
            new BlockingCollection<(FailoverAction, IReadOnlyCollection<string>)>();
        private readonly ConcurrentQueue<ActionResult> _results = new ConcurrentQueue<ActionResult>();
        private HeartbeatTransport? _transport;
        private Thread? _worker;

        private HeartbeatVerifier? _verifier;
        private byte[]? _key;
        private ulong _sequence = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

        private Task<DirectoryRead>? _refresh;
        private double _lastRefreshStart = double.NegativeInfinity;
        private bool _refreshRequested = true;
        private bool _routesWanted;
        private readonly Dictionary<string, string?> _routeOwners = new Dictionary<string, string?>(StringComparer.Ordinal);
        private double? _routesReadAt;
        private readonly List<TakeoverRecord> _takeovers = new List<TakeoverRecord>();
        private readonly HashSet<string> _marked = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _inFlight = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _takenHere = new Dictionary<string, double>(StringComparer.Ordinal);

        private bool? _healthy;
        private double? _unhealthySince;
        private string _failing = "";
        private readonly Dictionary<string, PeerStatus> _peerStatus = new Dictionary<string, PeerStatus>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _zoneState = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, (double At, int Count)> _drops = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        private bool _loggedNoKeyDrop;

        public MonitorLoop(MonitorOptions options, AwsSession session, MonitorLog log)
        {
            _options = options;
            _session = session;
            _log = log;
            _settings = options.Settings;
            _ec2 = session.CreateEc2Client();
            var reader = new Ec2Reader(_ec2, session);
            _peers = new PeerTable(options.InstanceId);
            _directory = new PeerDirectory(reader, options.VpcId, options.Tag);
            _keySource = new HeartbeatKeySource(session, reader, options.VpcId, options.HeartbeatKeyParameter, log);
            _executor = new FailoverExecutor(session, _ec2, options.InstanceId, options.Tag, log);
            if (options.Probe != null)
            {
                var timeout = TimeSpan.FromSeconds(Math.Min(2, Math.Max(0.5, _settings.IntervalSeconds * 2)));
                _probe = new ProbeRunner(options.Probe, timeout, _settings.ProbeLateSeconds);
            }
            _pinger = new PeerPinger(TimeSpan.FromSeconds(_settings.ReachIntervalSeconds));
        }

        private double Now => _clock.Elapsed.TotalSeconds;

        public void Run(CancellationToken stop)
        {
            _transport = new HeartbeatTransport(_options.Port, _clock);
            _log.Event("start", ("instance", _options.InstanceId), ("zone", _options.Zone), ("vpc", _options.VpcId),
                ("port", _transport.Port), ("interval_s", _settings.IntervalSeconds), ("missed", _settings.MissedHeartbeats),
                ("probe", _options.Probe?.Target ?? "none"), ("once", _options.Once ? "true" : null));

            if (_options.Once)
            {
                _keySource.RunAsync(stop, once: true).GetAwaiter().GetResult();
                StartRefresh(Now);
                try { _refresh!.Wait(stop); } catch (Exception ex) when (ex is OperationCanceledException || ex is AggregateException) { }
                Tick(stop, beat: true);
                return;
            }

            var keyTask = Task.Run(() => _keySource.RunAsync(stop));
            _worker = new Thread(() => Work(stop)) { IsBackground = true, Name = "hanat-monitor-actions" };
            _worker.Start();

            var step = Math.Min(MaxStepSeconds, _settings.IntervalSeconds / 4);
            var nextBeat = Now;
            var lastBeat = double.NegativeInfinity;
            while (!stop.IsCancellationRequested)
            {
                var now = Now;
                // Beats never come closer than half an interval, so K unhealthy reports always span (K − 1) / 2 intervals.
                var beat = now >= nextBeat || now - lastBeat >= _settings.FastIntervalSeconds && _probe?.IsLate(now) == true;
                Tick(stop, beat);
                if (beat)
                {
                    lastBeat = now;
                    // On a fixed schedule from the last planned beat, so that the peers' silence clocks are fair; faster
                    // while this NAT fails its own check.
                    var period = _healthy == false ? _settings.FastIntervalSeconds : _settings.IntervalSeconds;
                    nextBeat = Math.Min(nextBeat, now) + period;
                    if (nextBeat <= Now) nextBeat = Now + period; // fell behind (a stalled host): no burst to catch up
                }
                var wait = Math.Min(nextBeat, Now + step) - Now;
                if (wait > 0) stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait));
            }
            _actions.CompleteAdding();
            _worker.Join(TimeSpan.FromSeconds(5));
            try { keyTask.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }

        private void Tick(CancellationToken stop, bool beat)
        {
            var now = Now;
            CollectRefresh();
            // A NAT alone waits on a route read to act: that one is not held back by the throttle on other requests.
            if (_routesWanted || _refreshRequested && now - _lastRefreshStart >= RefreshOnRequestSeconds || now - _lastRefreshStart >= _options.PeerRefreshSeconds)
            {
                StartRefresh(now);
            }

            if (_verifier == null && _keySource.Key is byte[] key)
            {
                _key = key;
                _verifier = new HeartbeatVerifier(key, TimeSpan.FromSeconds(_options.FreshnessWindowSeconds));
            }
            if (beat)
            {
                var checks = SelfCheck(now, stop);
                if (_key != null) SendBeat(Now, checks);
            }
            Receive(Now);
            PingSilentPeers(Now);
            if (_verifier != null) Decide(Now);
            while (_results.TryDequeue(out var result)) Apply(result);
            foreach (var line in _session.Log.Drain())
            {
                if (_options.LogAwsCalls) _log.Event("aws", ("call", line));
            }
        }

        private IReadOnlyList<DataPlaneCheck> SelfCheck(double now, CancellationToken stop)
        {
            IReadOnlyList<DataPlaneCheck> checks;
            try
            {
                var facts = _dataPlane.Read(_options.VpcCidrBlocks, _options.MacAddress);
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
            if (_healthy != healthy || names != _failing)
            {
                if (healthy) _log.Event("self-healthy", ("was_failing", _healthy == false ? _failing : null));
                else _log.Event("self-unhealthy", ("failing", names), ("detail", string.Join("; ", failing.Select(c => c.Name + ": " + c.Detail))));
            }
            if (!healthy && _unhealthySince == null) _unhealthySince = now;
            if (healthy) _unhealthySince = null;
            _healthy = healthy;
            _failing = names;
            return checks;
        }

        private void SendBeat(double now, IReadOnlyList<DataPlaneCheck> checks)
        {
            var beat = new Heartbeat(_options.InstanceId, _options.Zone, ++_sequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                _healthy == true, checks.Where(c => !c.Healthy).Select(c => c.Name).ToList(),
                _peers.HeardWithin(now, _settings.HearWindowSeconds));
            _transport!.Send(HeartbeatCodec.Encode(beat, _key!), _peers.Addresses, _options.Port);
        }

        private void Receive(double now)
        {
            var overflow = _transport!.TakeOverflow();
            if (overflow > 0) _log.Event("heartbeat-overflow", ("dropped", overflow));
            var wallNow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var datagram in _transport.Drain())
            {
                if (_verifier == null)
                {
                    if (!_loggedNoKeyDrop) _log.Event("heartbeat-ignored", ("from", datagram.Source), ("reason", "no heartbeat key yet"));
                    _loggedNoKeyDrop = true;
                    continue;
                }
                var verdict = _verifier.Verify(datagram.Data, datagram.Data.Length, wallNow, out var beat);
                if (verdict != HeartbeatVerdict.Accepted)
                {
                    LogDrop(datagram.Source, verdict, now);
                    continue;
                }
                if (_peers.ApplyBeat(beat!, datagram.Source, datagram.ReceivedAt, out var newPeer) && newPeer)
                {
                    _refreshRequested = true; // a NAT EC2 did not list to us yet: ask EC2 again soon
                }
            }
        }

        /// <summary>Pings each peer that missed a beat, every half interval, and records the answers.</summary>
        private void PingSilentPeers(double now)
        {
            foreach (var result in _pinger.Drain()) _peers.ApplyReach(result.InstanceId, result.Reachable, result.SentAt);
            var views = _peers.Views;
            // Peers the table has forgotten (replaced long ago) are forgotten here too.
            foreach (var gone in _lastPing.Keys.Where(id => views.All(v => v.InstanceId != id)).ToList()) _lastPing.Remove(gone);
            foreach (var peer in views)
            {
                var missed = peer.LastBeatAt.HasValue
                    ? now - peer.LastBeatAt.Value > _settings.IntervalSeconds + _settings.MarginSeconds
                    : now - peer.KnownSince > _settings.NeverHeardGraceSeconds;
                if (!missed || !peer.Listed) continue;
                if (_lastPing.TryGetValue(peer.InstanceId, out var last) && now - last < _settings.ReachIntervalSeconds) continue;
                var address = _peers.AddressOf(peer.InstanceId);
                if (address == null) continue;
                _lastPing[peer.InstanceId] = now;
                _pinger.Ping(peer.InstanceId, address, now);
            }
        }

        private void LogDrop(string source, HeartbeatVerdict verdict, double now)
        {
            var key = source + "|" + verdict;
            if (_drops.TryGetValue(key, out var seen) && now - seen.At < DropLogSeconds)
            {
                _drops[key] = (seen.At, seen.Count + 1);
                return;
            }
            var count = _drops.TryGetValue(key, out var previous) ? previous.Count + 1 : 1;
            _log.Event("heartbeat-dropped", ("from", source), ("reason", Kebab(verdict.ToString())), ("count", count));
            _drops[key] = (now, 0);
        }

        private void Decide(double now)
        {
            var self = new SelfView(_options.InstanceId, _options.Zone, _healthy == true)
            {
                UnhealthySince = _unhealthySince,
                LocalCheckFails = _failing.Split(',').Any(n => n.Length > 0 && n != DataPlaneCheck.EgressProbe),
            };
            var input = new FailoverInput(now, self, _peers.Views)
            {
                RouteOwners = new Dictionary<string, string?>(_routeOwners),
                RoutesReadAt = _routesReadAt,
                Takeovers = _takeovers.ToList(),
                Marked = _marked.ToList(),
                InFlight = _inFlight.ToList(),
                TakenHere = _takenHere.Keys.ToList(),
            };
            var decisions = FailoverPolicy.Decide(input, _settings);
            LogPeers(decisions.Peers);
            LogZones(decisions.Zones);

            var alive = decisions.Peers.Where(p => p.Status == PeerStatus.Alive).Select(p => p.InstanceId).ToList();
            foreach (var action in decisions.Actions)
            {
                if (action.Kind == ActionKind.TakeOverZone)
                {
                    _takeovers.Add(new TakeoverRecord(action.Zone!, action.InstanceId, now));
                    _inFlight.Add(action.Zone!);
                }
                else
                {
                    _marked.Add(action.InstanceId);
                }
                if (action.Kind == ActionKind.MarkUnhealthy && action.InstanceId == _options.InstanceId)
                    _log.Event("self-mark-unhealthy", ("reason", action.Reason));
                if (!_actions.IsAddingCompleted) _actions.Add((action, alive));
            }
            _takeovers.RemoveAll(t => now - t.At > Math.Max(_settings.GlobalWindowSeconds, _settings.ZoneCooldownSeconds));
            if (decisions.WantRoutes) _routesWanted = true;
        }

        private void LogPeers(IReadOnlyList<PeerAssessment> peers)
        {
            foreach (var peer in peers)
            {
                _peerStatus.TryGetValue(peer.InstanceId, out var before);
                var known = _peerStatus.ContainsKey(peer.InstanceId);
                if (known && before == peer.Status) continue;
                _peerStatus[peer.InstanceId] = peer.Status;
                switch (peer.Status)
                {
                    case PeerStatus.Alive:
                        _log.Event(known && before != PeerStatus.Pending ? "peer-recovered" : "peer-heard", ("peer", peer.InstanceId), ("zone", peer.Zone));
                        // Its zone is its own again (its boot takeover, or it never lost it): forget that this NAT held it.
                        if (_routeOwners.TryGetValue(peer.Zone, out var owner) && owner == _options.InstanceId) _routeOwners.Remove(peer.Zone);
                        _takenHere.Remove(peer.Zone);
                        break;
                    case PeerStatus.Unhealthy:
                        _log.Event("peer-unhealthy", ("peer", peer.InstanceId), ("zone", peer.Zone), ("detail", peer.Detail));
                        break;
                    case PeerStatus.Silent:
                        _log.Event("peer-silent", ("peer", peer.InstanceId), ("zone", peer.Zone), ("detail", peer.Detail));
                        break;
                    case PeerStatus.Failed:
                        _log.Event("peer-failed", ("peer", peer.InstanceId), ("zone", peer.Zone), ("reason", FailoverPolicy.Describe(peer.Reason)), ("detail", peer.Detail));
                        break;
                }
            }
            foreach (var gone in _peerStatus.Keys.Except(peers.Select(p => p.InstanceId)).ToList()) _peerStatus.Remove(gone);
        }

        private void LogZones(IReadOnlyList<ZoneDecision> zones)
        {
            foreach (var zone in zones)
            {
                var state = $"{zone.Outcome}|{zone.FailedInstanceId}|{zone.Chooser}";
                if (_zoneState.TryGetValue(zone.Zone, out var before) && before == state && zone.Outcome != ZoneOutcome.TakeOver) continue;
                _zoneState[zone.Zone] = state;
                var fields = new (string, object?)[] { ("zone", zone.Zone), ("failed", zone.FailedInstanceId), ("reason", FailoverPolicy.Describe(zone.Reason)) };
                switch (zone.Outcome)
                {
                    case ZoneOutcome.TakeOver: _log.Event("takeover-start", fields.Append(("by", _options.InstanceId)).ToArray()); break;
                    case ZoneOutcome.Standby: _log.Event("standby", fields.Append(("by", zone.Chooser)).ToArray()); break;
                    case ZoneOutcome.AlreadyOwned: _log.Event("zone-owned", fields.Append(("by", _options.InstanceId)).ToArray()); break;
                    case ZoneOutcome.ServedByPeer: _log.Event("zone-served", fields.Append(("by", _routeOwners.TryGetValue(zone.Zone, out var o) ? o : null)).ToArray()); break;
                    case ZoneOutcome.RateLimited: _log.Event("rate-limited", fields); break;
                    case ZoneOutcome.InProgress: break;
                    case ZoneOutcome.SelfUnhealthy: _log.Event("no-claim", fields.Append(("because", "self-unhealthy")).ToArray()); break;
                }
            }
            foreach (var gone in _zoneState.Keys.Except(zones.Select(z => z.Zone)).ToList()) _zoneState.Remove(gone);
        }

        private void StartRefresh(double now)
        {
            if (_refresh != null) return;
            _lastRefreshStart = now;
            _refreshRequested = false;
            _routesWanted = false;
            _refresh = Task.Run(() => _directory.ReadAsync(now));
        }

        private void CollectRefresh()
        {
            if (_refresh == null || !_refresh.IsCompleted) return;
            var task = _refresh;
            _refresh = null;
            if (task.Status != TaskStatus.RanToCompletion)
            {
                var error = task.Exception?.GetBaseException();
                if (!_session.Cancellation.IsCancellationRequested) _log.Event("peers-refresh-failed", ("error", error?.Message ?? "cancelled"));
                return;
            }
            var read = task.Result;
            var peers = read.Nats.Where(n => n.InstanceId != _options.InstanceId).ToList();
            if (_peers.ApplyListing(peers, read.ReadAt))
            {
                _log.Event("peers", ("count", peers.Count),
                    ("peers", peers.Count == 0 ? "none" : string.Join(",", peers.OrderBy(p => p.InstanceId, StringComparer.Ordinal).Select(p => $"{p.InstanceId}@{p.Zone}/{p.PrivateIpAddress ?? "?"}"))));
            }
            _routeOwners.Clear();
            foreach (var pair in read.RouteOwners) _routeOwners[pair.Key] = pair.Value;
            _routesReadAt = read.ReadAt;
            // A read that began after this NAT's takeover of a zone and shows it elsewhere wins over the takeover.
            foreach (var taken in _takenHere.ToList())
            {
                if (read.ReadAt > taken.Value && (!read.RouteOwners.TryGetValue(taken.Key, out var now) || now != _options.InstanceId)) _takenHere.Remove(taken.Key);
            }
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
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
                    {
                        // An action's failure must never end the monitor: heartbeats go on, the policy retries later.
                        _log.Event("action-failed", ("action", action.ToString()), ("error", ex.GetBaseException().Message));
                        _results.Enqueue(new ActionResult(action, false));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        private void Apply(ActionResult result)
        {
            if (result.Action.Kind == ActionKind.TakeOverZone) _inFlight.Remove(result.Action.Zone!);
            // A takeover that went through makes this NAT the zone's owner until a newer route read says otherwise.
            if (result.Succeeded && result.Action.Kind == ActionKind.TakeOverZone)
            {
                _routeOwners[result.Action.Zone!] = _options.InstanceId;
                _takenHere[result.Action.Zone!] = Now;
            }
        }

        private static string Kebab(string name) =>
            string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        public void Dispose()
        {
            _transport?.Dispose();
            _ec2.Dispose();
            _actions.Dispose();
        }
    }
}
