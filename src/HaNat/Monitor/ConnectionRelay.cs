using System.Diagnostics;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.HostNat;
using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>
    /// Connections finish where they started. When this NAT takes a zone that a NAT still alive hands over (reason
    /// handover: that NAT is leaving and drains), the zone's TCP connections opened through that NAT are relayed to it,
    /// untranslated, while it still forwards (<see cref="RelayPlanner"/>); only new connections are translated here. A
    /// relay starts inside the takeover, after the zone is planned and before its routes move, on the action worker; it
    /// ends on a thread of its own, never on the loop's: once EC2 no longer lists the previous NAT running, or after
    /// <see cref="DrainSeconds"/>; and at this monitor's start (what an earlier run left) and exit. Everything on the host
    /// carries hanat-relay comments, so only HaNat's own rules are ever removed.
    ///
    /// With an Elastic IP that moves with the zone, the previous NAT translates the relayed connections to its own
    /// primary private IP, whose public address is the zone's: once that address is associated with this NAT's
    /// secondary IP, the replies of those connections come here, where no conntrack entry knows them, and they are
    /// lost. The relay saves the connections while the previous NAT keeps its address (no Elastic IP, or one that stays).
    ///
    /// The relayed packets leave for the previous NAT's private IP as an onlink next hop: proven where the NATs share a
    /// segment (the namespace harness); in a VPC the NATs sit in different subnets, and whether the VPC delivers such a
    /// frame to the other instance is not proven yet. A relayed packet that cannot reach it is lost, as it would have
    /// been reset without the relay.
    /// </summary>
    internal sealed class ConnectionRelay
    {
        /// <summary>
        /// The longest a relay lasts: a spot interruption notice comes two minutes before the instance stops, and a
        /// NAT that drains after its handover forwards no longer than that (a stop or a termination, with the unit's
        /// 30 s stop timeout, takes less); a connection still open after that is lost with the previous NAT anyway.
        /// </summary>
        public const double DrainSeconds = 120;
        private const double CheckSeconds = 5;

        private readonly AwsSession _session;
        private readonly Ec2Reader _reader;
        private readonly string _vpcId;
        private readonly RelayHost _host;
        private readonly MonitorLog _log;
        private readonly object _gate = new object();
        private readonly Dictionary<string, Held> _held = new Dictionary<string, Held>(StringComparer.Ordinal);
        private readonly ManualResetEventSlim _cleaned = new ManualResetEventSlim(false);
        private Thread? _thread;

        public ConnectionRelay(AwsSession session, IAmazonEC2 ec2, MonitorOptions options, MonitorLog log)
        {
            _session = session;
            _reader = new Ec2Reader(ec2, session);
            _vpcId = options.VpcId;
            _log = log;
            _host = new RelayHost(line => _session.Log.Note(line));
        }

        public static bool Supported => RelayHost.Supported;

        public void Start(CancellationToken stop)
        {
            if (!Supported) return;
            _thread = new Thread(() => Run(stop)) { IsBackground = true, Name = "hanat-monitor-relay" };
            _thread.Start();
        }

        /// <summary>Ends the checks, then every relay of this NAT (the monitor is leaving or stopping).</summary>
        public void Stop()
        {
            if (_thread == null) return;
            _thread.Join(TimeSpan.FromSeconds(5));
            EndAll("monitor-stop");
        }

        /// <summary>
        /// Relays the zone's connections opened through <paramref name="previousId"/> to it (on the action worker, before
        /// the routes move). A relay that cannot start is logged and the takeover goes on: the relay only spares the
        /// connections open at the move.
        /// </summary>
        public void Begin(string zone, string previousId, IReadOnlyList<string> sourceCidrs)
        {
            if (!Supported || sourceCidrs.Count == 0) return;
            var clock = Stopwatch.StartNew();
            // The start's clean-up of an earlier run's relays comes first, so that it never removes this one.
            _cleaned.Wait(TimeSpan.FromSeconds(10));
            try
            {
                var previous = Wait(_reader.DescribeRunningManagedInstancesAsync(_vpcId)).FirstOrDefault(i => i.Id == previousId);
                if (previous?.PrivateIpAddress == null)
                {
                    _log.Event("relay-skipped", ("zone", zone), ("previous", previousId), ("reason", "previous-nat-not-running"), ("ms", clock.ElapsedMilliseconds));
                    return;
                }
                lock (_gate)
                {
                    var device = _host.Start(zone, previous.PrivateIpAddress, sourceCidrs);
                    _held[zone] = new Held(previousId, previous.PrivateIpAddress, Stopwatch.StartNew());
                    _log.Event("relay-start", ("zone", zone), ("via", previous.PrivateIpAddress), ("previous", previousId), ("dev", device),
                        ("subnets", string.Join(",", sourceCidrs)), ("drain_s", DrainSeconds), ("ms", clock.ElapsedMilliseconds));
                }
            }
            catch (HaNatException ex) when (ex.ErrorId == RelayRoute.NotOnLinkErrorId)
            {
                _log.Event("relay-skipped", ("zone", zone), ("previous", previousId), ("reason", "not-on-link"), ("detail", ex.Message),
                    ("ms", clock.ElapsedMilliseconds));
            }
            catch (Exception ex) when (ex is HaNatException || ex is AmazonEC2Exception)
            {
                _log.Event("relay-failed", ("zone", zone), ("previous", previousId), ("error", ex.Message),
                    ("detail", "the zone is taken all the same; a connection open at the move is reset"), ("ms", clock.ElapsedMilliseconds));
            }
        }

        /// <summary>Ends the zone's relay at once (a takeover that failed, or whose routes did not come here).</summary>
        public void Abandon(string zone, string reason) => End(zone, reason);

        private void Run(CancellationToken stop)
        {
            // A relay an earlier run left (a crash, a kill) is nobody's now.
            EndAll("left-by-earlier-run");
            _cleaned.Set();
            while (!stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(CheckSeconds)))
            {
                try
                {
                    Check();
                }
                catch (Exception ex) when (!stop.IsCancellationRequested && !(ex is OutOfMemoryException))
                {
                    _log.Event("relay-check-failed", ("error", ex.GetBaseException().Message));
                }
            }
        }

        private void Check()
        {
            List<KeyValuePair<string, Held>> held;
            lock (_gate) held = _held.ToList();
            if (held.Count == 0) return;
            var expired = held.Where(h => h.Value.Since.Elapsed.TotalSeconds >= DrainSeconds).Select(h => h.Key).ToList();
            foreach (var zone in expired) End(zone, "drain-elapsed");
            if (held.Count == expired.Count) return;
            var running = new HashSet<string>(Wait(_reader.DescribeRunningManagedInstancesAsync(_vpcId)).Select(i => i.Id), StringComparer.Ordinal);
            foreach (var h in held.Where(h => !expired.Contains(h.Key) && !running.Contains(h.Value.PreviousId))) End(h.Key, "previous-nat-gone");
        }

        private void End(string zone, string reason)
        {
            lock (_gate)
            {
                if (!_held.TryGetValue(zone, out var held)) return;
                _held.Remove(zone);
                Log(zone, held.Via, reason, _host.End(zone), held.Since.Elapsed.TotalSeconds);
            }
        }

        private void EndAll(string reason)
        {
            if (!Supported) return;
            try
            {
                lock (_gate)
                {
                    var relays = _host.Relays();
                    if (relays.Count == 0 && _held.Count == 0) return;
                    var result = _host.End(null);
                    foreach (var pair in relays) Log(pair.Key, pair.Value, reason, result, _held.TryGetValue(pair.Key, out var h) ? h.Since.Elapsed.TotalSeconds : null);
                    _held.Clear();
                }
            }
            catch (HaNatException ex)
            {
                _log.Event("relay-end-failed", ("reason", reason), ("error", ex.Message));
            }
        }

        private void Log(string zone, string via, string reason, (int Changes, IReadOnlyList<string> Failed) result, double? seconds) =>
            _log.Event(result.Failed.Count == 0 ? "relay-end" : "relay-end-failed", ("zone", zone), ("via", via), ("reason", reason),
                ("after_s", seconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)), ("host_changes", result.Changes),
                ("error", result.Failed.Count == 0 ? null : string.Join("; ", result.Failed)));

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private sealed record Held(string PreviousId, string Via, Stopwatch Since);
    }
}
