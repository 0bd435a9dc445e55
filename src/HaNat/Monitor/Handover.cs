using System.Diagnostics;
using System.Globalization;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>
    /// A leaving NAT's side of the handover, on a thread of its own while the loop goes on beating "leaving" (and the
    /// kernel goes on forwarding: make-before-break). It reads the VPC's routes every <see cref="PollSeconds"/> until
    /// no route table sends 0.0.0.0/0 here any more (its zone, and any zone it held for a peer, taken by the peers),
    /// waits <see cref="DrainSeconds"/>, completes the group's termination lifecycle hooks when the group is what
    /// terminates it, and logs `handover-done`. It gives up, changing nothing, with `handover-failed reason=...`:
    /// no healthy peer heard for <see cref="NoPeerSeconds"/> (nobody can take the zones), EC2 refusing every read
    /// until the timeout (ec2-error), or the timeout itself. Either way the monitor then exits.
    /// </summary>
    internal sealed class Handover
    {
        /// <summary>How often the routes are read while the peers take them.</summary>
        public const double PollSeconds = 0.3;

        /// <summary>
        /// After the last route left, the NAT forwards this long more before it lets its monitor exit (and the host
        /// stop). A route change is not the last packet: requests already sent through this NAT (a connection opened
        /// just before the change, a response on its way back) come back through it, and the VPC's data plane applies
        /// a route change a moment after the API answered. One second covers a request in flight at the change.
        /// </summary>
        public const double DrainSeconds = 1.0;

        /// <summary>Bound on the lifecycle hooks' calls, so that the whole stop stays within the unit's TimeoutStopSec.</summary>
        public const double LifecycleSeconds = 5;

        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly MonitorOptions _options;
        private readonly MonitorLog _log;
        private int _healthyPeers;

        public Handover(AwsSession session, IAmazonEC2 ec2, MonitorOptions options, MonitorLog log)
        {
            _session = session;
            _ec2 = ec2;
            _options = options;
            _log = log;
        }

        /// <summary>The loop says, every step, how many healthy peers that are not leaving it hears.</summary>
        public int HealthyPeers
        {
            get => Volatile.Read(ref _healthyPeers);
            set => Volatile.Write(ref _healthyPeers, value);
        }

        /// <summary>No healthy peer heard for this long (once heard, it would have beaten within K intervals): give up.</summary>
        public double NoPeerSeconds => _options.Settings.SilentAfterSeconds;

        public Task<bool> Start(DepartureTrigger trigger, CancellationToken stop) => Task.Run(() => Run(trigger, stop));

        private bool Run(DepartureTrigger trigger, CancellationToken stop)
        {
            var clock = Stopwatch.StartNew();
            var timeout = _options.HandoverTimeoutSeconds;
            var name = DepartureSignals.Name(trigger);
            _log.Event("handover-start", ("trigger", name), ("timeout_s", timeout));
            var served = new SortedSet<string>(StringComparer.Ordinal);
            HandoverRoutes? last = null;
            string? lastError = null;
            double? noPeerSince = null;
            while (true)
            {
                try
                {
                    last = Read();
                    lastError = null;
                    foreach (var zone in last.ZonesServed) served.Add(zone);
                    if (last.TablesToSelf.Count == 0) break;
                }
                catch (Exception ex) when (!stop.IsCancellationRequested && !(ex is OutOfMemoryException))
                {
                    lastError = ex.GetBaseException().Message;
                }
                if (stop.IsCancellationRequested) return Failed(name, "stopped", "the monitor was stopped", served, clock);
                var now = clock.Elapsed.TotalSeconds;
                if (HealthyPeers > 0) noPeerSince = null;
                else noPeerSince ??= now;
                if (noPeerSince.HasValue && now - noPeerSince.Value >= NoPeerSeconds)
                {
                    return Failed(name, "no-healthy-peer",
                        $"no healthy peer heard for {Seconds(now - noPeerSince.Value)}: nobody to take {Tables(last)}; this NAT keeps serving them", served, clock);
                }
                if (now >= timeout)
                {
                    return lastError != null
                        ? Failed(name, "ec2-error", $"EC2 refused to read the routes: {lastError}", served, clock)
                        : Failed(name, "timeout", $"{Tables(last)} still route here after {Seconds(timeout)}", served, clock);
                }
                if (stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(PollSeconds))) return Failed(name, "stopped", "the monitor was stopped", served, clock);
            }

            var routesGoneMs = clock.ElapsedMilliseconds;
            // Nothing routed here at the first read (a replacement took the zone already, or a restart after a
            // handover): nothing is in flight through this NAT to wait for.
            if (served.Count > 0 && stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(DrainSeconds))) return Failed(name, "stopped", "the monitor was stopped", served, clock);
            var lifecycle = trigger == DepartureTrigger.Lifecycle ? CompleteLifecycle(stop) : null;
            var to = served.Select(z => $"{z}:{(last!.Owners.TryGetValue(z, out var owner) ? owner ?? "?" : "?")}");
            _log.Event("handover-done", ("trigger", name), ("zones", served.Count == 0 ? "none" : string.Join(",", served)),
                ("to", served.Count == 0 ? null : string.Join(",", to)), ("routes_ms", routesGoneMs), ("lifecycle", lifecycle), ("ms", clock.ElapsedMilliseconds));
            return true;
        }

        private HandoverRoutes Read()
        {
            var reader = new Ec2Reader(_ec2, _session);
            var subnets = reader.DescribePrivateSubnetsAsync(_options.VpcId, _options.Tag, null);
            var tables = reader.DescribeRouteTablesAsync(_options.VpcId);
            Task.WhenAll(subnets, tables).GetAwaiter().GetResult();
            return HandoverRoutes.Read(new VpcSnapshot(_options.VpcId, subnets.Result, tables.Result), _options.InstanceId, _options.NetworkInterfaceId);
        }

        /// <summary>Completes the termination hooks; returns what the log says of them. A failure leaves the hook to its timeout.</summary>
        private string CompleteLifecycle(CancellationToken stop)
        {
            var clock = Stopwatch.StartNew();
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop, _session.Cancellation);
            bounded.CancelAfter(TimeSpan.FromSeconds(LifecycleSeconds));
            try
            {
                using var autoScaling = _session.CreateAutoScalingClient();
                var (group, completed) = TerminationHooks.CompleteAsync(autoScaling, _options.InstanceId, bounded.Token).GetAwaiter().GetResult();
                _log.Event("lifecycle-hooks", ("group", group ?? "none"), ("completed", completed.Count == 0 ? "none" : string.Join(",", completed)),
                    ("result", completed.Count == 0 ? null : "CONTINUE"), ("ms", clock.ElapsedMilliseconds));
                return completed.Count == 0 ? "none" : "completed";
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _log.Event("lifecycle-hooks-failed", ("error", ex.GetBaseException().Message), ("ms", clock.ElapsedMilliseconds));
                return "failed";
            }
        }

        private bool Failed(string trigger, string reason, string detail, IEnumerable<string> served, Stopwatch clock)
        {
            _log.Event("handover-failed", ("trigger", trigger), ("reason", reason), ("detail", detail),
                ("zones", served.Any() ? string.Join(",", served) : "none"), ("ms", clock.ElapsedMilliseconds));
            return false;
        }

        private static string Tables(HandoverRoutes? read) =>
            read == null ? "the tables that route here" : $"{read.TablesToSelf.Count} table(s) ({string.Join(",", read.TablesToSelf)})";

        private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
