using System.Diagnostics;
using System.Runtime.InteropServices;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.HostNat;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// A failed zone's Elastic IP, carried by this NAT while it serves the zone, and let go when the zone is its own
    /// NAT's again. <see cref="Take"/> runs inside a takeover (on the action worker, before the routes move); the check
    /// that lets go runs on a thread of its own, never on the loop's: at start (a secondary IP or rule a previous run
    /// left for a zone it no longer serves), then while it holds anything every few seconds and after each directory
    /// read of the loop. A takeover and a check never overlap (<see cref="Gate"/>), so a check never sees a zone half
    /// taken, and its route read always comes after the takeover's writes.
    /// </summary>
    internal sealed class ZoneAddressKeeper
    {
        private const double CheckSeconds = 3;
        /// <summary>After a check that failed (EC2 refusing, say a role from before these calls): no hammering.</summary>
        private const double RetrySeconds = 30;

        private readonly AwsSession _session;
        private readonly ZoneAddressEc2 _ec2;
        private readonly Ec2Reader _reader;
        private readonly string _selfId;
        private readonly string _selfZone;
        private readonly string _vpcId;
        private readonly PrivateSubnetTag _tag;
        private readonly ZoneAddressHost _host;
        private readonly MonitorLog _log;
        private readonly AutoResetEvent _nudge = new AutoResetEvent(false);
        private volatile bool _holding;
        private Thread? _thread;

        public ZoneAddressKeeper(AwsSession session, IAmazonEC2 ec2, MonitorOptions options, MonitorLog log)
        {
            _session = session;
            _ec2 = new ZoneAddressEc2(ec2, session);
            _reader = new Ec2Reader(ec2, session);
            _selfId = options.InstanceId;
            _selfZone = options.Zone;
            _vpcId = options.VpcId;
            _tag = options.Tag;
            _log = log;
            _host = new ZoneAddressHost(options.MacAddress, line => _session.Log.Note(line));
        }

        /// <summary>Held by a takeover from before its address step to after its routes, and by each check.</summary>
        public object Gate { get; } = new object();

        /// <summary>Only a Linux NAT host carries addresses (ip, iptables); elsewhere (a test off an instance) nothing is done.</summary>
        public static bool Supported => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        public void Start(CancellationToken stop)
        {
            if (!Supported) return;
            _thread = new Thread(() => Run(stop)) { IsBackground = true, Name = "hanat-monitor-addresses" };
            _thread.Start();
        }

        /// <summary>The loop read the directory: check soon, if anything is held (no EC2 call otherwise).</summary>
        public void Nudge()
        {
            if (_holding) _nudge.Set();
        }

        public void Stop() => _thread?.Join(TimeSpan.FromSeconds(5));

        /// <summary>
        /// Takes the zone's address before the routes move (the caller holds <see cref="Gate"/>): a secondary private IP on
        /// this NAT's interface, that IP on the host and the zone's subnets translated to it, then the address associated
        /// with it. In that order so that whatever arrives once the address is associated (replies to the internet, and
        /// the zone's traffic once the routes move after) finds the IP on the host and its rule in place: associating
        /// first would leave replies to the address arriving at an IP the host does not have. A step that fails undoes
        /// the ones before it and returns null: the zone is still taken (egress first, its address second).
        /// </summary>
        public ZoneAddressTaken? Take(string zone, IReadOnlyList<string> sourceCidrs)
        {
            if (!Supported) return null;
            var clock = Stopwatch.StartNew();
            string step = "read";
            string? ip = null;
            OwnInterface? own = null;
            IReadOnlyList<ZoneHostStep> hostSteps = Array.Empty<ZoneHostStep>();
            try
            {
                // Both reads at once: they come before the zone's routes, so their time is the failover's.
                var reading = _ec2.OwnInterfaceAsync(_selfId);
                var addresses = Wait(_ec2.VpcAddressesAsync(_vpcId));
                own = Wait(reading) ?? throw new HaNatException("NetworkInterfaceNotFound", HaNatErrorKind.ObjectNotFound,
                    $"EC2 lists no network interface attached to {_selfId}.");
                // A zone without an address (none allocated, or a VPC from before) costs no host read.
                if (!addresses.Any(a => a.Zone == zone)) return null;
                var hold = ZoneAddressPlanner.PlanHold(zone, _selfZone, addresses, own, HostHolds(), sourceCidrs);
                if (hold == null) return null;
                step = "assign";
                ip = hold.ReuseIp ?? Wait(_ec2.AssignAsync(own, _selfId));
                step = "host";
                hostSteps = _host.Hold(zone, ip, hold.SourceCidrs);
                if (!hold.Associated)
                {
                    step = "associate";
                    Wait(_ec2.AssociateAsync(hold, ip));
                }
                _holding = true;
                _log.Event("zone-address", ("zone", zone), ("address", hold.PublicIp), ("allocation", hold.AllocationId), ("private_ip", ip),
                    ("interface", own.Id), ("reused", hold.ReuseIp != null ? "true" : null), ("host_changes", hostSteps.Count),
                    ("ms", clock.ElapsedMilliseconds));
                return new ZoneAddressTaken(zone, ip, own.Id);
            }
            catch (Exception ex) when (ex is HaNatException || ex is AmazonEC2Exception)
            {
                var undone = new List<string>();
                if (hostSteps.Count > 0)
                {
                    _host.Undo(hostSteps);
                    undone.Add("host");
                }
                // The secondary IP goes too, a reused one included: nothing would name it as HaNat's any more.
                if (ip != null && own != null && TryUnassign(own.Id, ip, rollback: true)) undone.Add("secondary-ip");
                _log.Event("zone-address-failed", ("zone", zone), ("step", step), ("error", ex.Message),
                    ("undone", undone.Count > 0 ? string.Join(",", undone) : "nothing"),
                    ("detail", "the zone's routes are taken all the same; its traffic leaves from this NAT's own address"),
                    ("ms", clock.ElapsedMilliseconds));
                return null;
            }
        }

        /// <summary>Lets go of an address taken for a takeover whose routes did not come to this NAT (the caller holds <see cref="Gate"/>).</summary>
        public void Undo(ZoneAddressTaken taken, string reason) =>
            Release(new ZoneAddressRelease(taken.Zone, taken.PrivateIp, reason, Unassign: true), taken.InterfaceId);

        /// <summary>One check: what this NAT holds, against EC2's addresses and routes now; lets go of what it no longer serves.</summary>
        public void Check()
        {
            lock (Gate)
            {
                var host = HostHolds();
                var own = Wait(_ec2.OwnInterfaceAsync(_selfId));
                if (own == null) return;
                var addresses = Wait(_ec2.VpcAddressesAsync(_vpcId));
                var mine = host.Count > 0 || addresses.Any(a => a.NetworkInterfaceId == own.Id && a.PrivateIpAddress != null && own.SecondaryIps.Contains(a.PrivateIpAddress));
                if (!mine)
                {
                    _holding = false;
                    return;
                }
                var routes = ReadRouteOwners();
                var nats = Wait(_reader.DescribeRunningManagedInstancesAsync(_vpcId))
                    .Where(n => !string.IsNullOrEmpty(n.AvailabilityZone)).ToDictionary(n => n.Id, n => n.AvailabilityZone!, StringComparer.Ordinal);
                var releases = ZoneAddressPlanner.PlanRelease(_selfId, _selfZone, own, addresses, host, routes, nats);
                foreach (var release in releases) Release(release, own.Id);
                // Anything not let go is still held.
                _holding = host.Count > releases.Count || addresses.Any(a => a.NetworkInterfaceId == own.Id && a.PrivateIpAddress != null &&
                    own.SecondaryIps.Contains(a.PrivateIpAddress) && !releases.Any(r => r.PrivateIp == a.PrivateIpAddress));
            }
        }

        private void Run(CancellationToken stop)
        {
            var first = true;
            while (!stop.IsCancellationRequested)
            {
                var wait = CheckSeconds;
                if (first || _holding)
                {
                    try
                    {
                        Check();
                    }
                    catch (Exception ex) when (!stop.IsCancellationRequested && !(ex is OutOfMemoryException))
                    {
                        // A failed check is retried later; the monitor goes on.
                        _log.Event("zone-address-check-failed", ("error", ex.GetBaseException().Message), ("retry_s", RetrySeconds));
                        if (first) _holding = true;
                        wait = RetrySeconds;
                    }
                    first = false;
                }
                if (wait > CheckSeconds) stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait));
                else WaitHandle.WaitAny(new[] { stop.WaitHandle, _nudge }, TimeSpan.FromSeconds(wait));
            }
        }

        private void Release(ZoneAddressRelease release, string interfaceId)
        {
            var clock = Stopwatch.StartNew();
            var hostChanges = 0;
            string? error = null;
            if (release.HandTo != null && release.AllocationId != null)
            {
                try
                {
                    Wait(_ec2.HandBackAsync(release.AllocationId, release.HandTo));
                }
                catch (Exception ex) when (ex is HaNatException || ex is AmazonEC2Exception)
                {
                    _log.Event("zone-address-hand-back-failed", ("zone", release.Zone), ("to", release.HandTo), ("error", ex.Message));
                }
            }
            try
            {
                hostChanges = _host.Release(release.Zone, release.PrivateIp).Count;
            }
            catch (HaNatException ex)
            {
                error = ex.Message;
            }
            var unassigned = release.Unassign && TryUnassign(interfaceId, release.PrivateIp, rollback: false);
            _log.Event(error == null ? "zone-address-released" : "zone-address-release-failed", ("zone", release.Zone),
                ("private_ip", release.PrivateIp), ("reason", release.Reason), ("handed_to", release.HandTo), ("host_changes", hostChanges),
                ("unassigned", unassigned ? "true" : "false"), ("error", error), ("ms", clock.ElapsedMilliseconds));
        }

        private bool TryUnassign(string interfaceId, string ip, bool rollback)
        {
            try
            {
                Wait(_ec2.UnassignAsync(interfaceId, ip, rollback));
                return true;
            }
            catch (Exception ex) when (ex is HaNatException || ex is AmazonEC2Exception)
            {
                _log.Event("zone-address-unassign-failed", ("interface", interfaceId), ("private_ip", ip), ("error", ex.Message));
                return false;
            }
        }

        private IReadOnlyList<HostHold> HostHolds() => _host.Held().Select(h => new HostHold(h.Zone, h.Address)).ToList();

        private IReadOnlyDictionary<string, string?> ReadRouteOwners()
        {
            var subnets = _reader.DescribePrivateSubnetsAsync(_vpcId, _tag, null);
            var tables = _reader.DescribeRouteTablesAsync(_vpcId);
            Task.WaitAll(subnets, tables);
            return RouteOwnership.Compute(new VpcSnapshot(_vpcId, subnets.Result, tables.Result));
        }

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private static void Wait(Task task) => task.GetAwaiter().GetResult();
    }

    /// <summary>What a takeover took: the zone, the secondary private IP its address is now on, and the interface.</summary>
    internal sealed record ZoneAddressTaken(string Zone, string PrivateIp, string InterfaceId);
}
