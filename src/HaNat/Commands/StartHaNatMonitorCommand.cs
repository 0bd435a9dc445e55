using System.Management.Automation;
using System.Runtime.InteropServices;
using HaNat.Aws;
using HaNat.DataPlane;
using HaNat.Monitor;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Commands
{
    /// <summary>
    /// Runs the NAT monitor in the foreground, for systemd: data-plane self-check, heartbeats with the VPC's other
    /// NATs, and the failover policy, one log line per event on stdout. On SIGTERM, or when IMDS says the NAT is
    /// leaving (the group terminates it, a spot notice, a rebalance recommendation), it hands its zones to a peer
    /// first, then ends cleanly (exit 0). Ctrl+C ends it at once.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "HaNatMonitor")]
    [OutputType(typeof(void))]
    public sealed class StartHaNatMonitorCommand : HaNatCmdlet
    {
        /// <summary>Seconds between two heartbeats. Default 0.2.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double IntervalSeconds { get; set; } = FailoverSettings.DefaultIntervalSeconds;

        /// <summary>K: missed beats, or unhealthy reports in a row, before a peer counts as failed. Default 5.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MissedHeartbeats { get; set; } = FailoverSettings.DefaultMissedHeartbeats;

        /// <summary>Seconds between two self-checks of a healthy NAT. Default: -IntervalSeconds, at least 0.5.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double SelfCheckSeconds { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = HaNat.Layout.VpcLayout.HeartbeatPort;

        /// <summary>host:port for a TCP connect, or an http(s) URL for a GET; none skips the egress probe.</summary>
        [Parameter]
        public string? ProbeTarget { get; set; }

        /// <summary>Default /hanat/&lt;vpc-name&gt;/heartbeat-key, the VPC's hanat:vpc-name tag.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HeartbeatKeyParameter { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public double PeerRefreshSeconds { get; set; } = 30;

        [Parameter]
        public string PrivateSubnetTag { get; set; } = Tagging.PrivateSubnetTag.Default;

        /// <summary>After this long with a failing local check, the NAT marks itself Unhealthy; 0 never. Default 120.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public double UnhealthyGraceSeconds { get; set; } = 120;

        /// <summary>
        /// How long a leaving NAT (SIGTERM, or IMDS: terminated by its group, a spot notice, a rebalance
        /// recommendation) waits for its peers to take its routes before it gives up and exits anyway. Default 20; the
        /// hanat-monitor unit's TimeoutStopSec leaves room for it.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public double HandoverTimeoutSeconds { get; set; } = 20;

        /// <summary>One round (key, peers, self-check, one heartbeat, one decision), then return.</summary>
        [Parameter]
        public SwitchParameter Once { get; set; }

        private PrivateSubnetTag _tag = Tagging.PrivateSubnetTag.Parse(null);

        protected override string OffInstanceAdvice =>
            "Start-HaNatMonitor watches the NAT it runs on, which IMDS names: it takes no instance or VPC id, and runs on a HaNat NAT " +
            "instance (its hanat-monitor unit starts it at boot). From elsewhere, Test-HaNatRouting -VpcId audits a VPC's routes.";
        private EgressProbe? _probe;
        private readonly ManualResetEventSlim _ended = new ManualResetEventSlim(false);

        protected override void BeginProcessing()
        {
            _tag = ParsePrivateSubnetTag(PrivateSubnetTag);
            if (!string.IsNullOrWhiteSpace(ProbeTarget))
            {
                _probe = EgressProbe.TryParse(ProbeTarget, out var error);
                if (_probe == null) Fail(new HaNatException("InvalidProbeTarget", HaNatErrorKind.InvalidArgument, $"-ProbeTarget {error}."), ProbeTarget);
            }
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Fail(new HaNatException("NotLinux", HaNatErrorKind.InvalidOperation,
                    "Start-HaNatMonitor runs on a HaNat NAT instance, which runs Linux."));
            }
        }

        /// <summary>
        /// This instance's identity from IMDSv2. A slow answer (a busy host at boot) is tried again, for up to about
        /// 15 s, so that the monitor does not die of one timeout; a refusal (not on an instance) fails at once.
        /// </summary>
        private InstanceMetadata Identify() =>
            new InstanceMetadataClient(null, TimeSpan.FromSeconds(3)).GetIdentity(Cancellation, attempts: 4,
                attempt => WriteVerbose($"IMDS did not answer in time (attempt {attempt}): trying again."));

        /// <summary>
        /// The subnets this NAT's deployment serves, from its own tags (<see cref="PrivateSubnetTag.OfInstance"/>): one
        /// DescribeInstances at start. If EC2 cannot answer, the monitor does not start (its unit starts it again)
        /// rather than guess: in a VPC HaNat did not build, the default tag would name subnets it must not serve.
        /// </summary>
        private PrivateSubnetTag DeploymentTagOf(AwsSession session, string instanceId)
        {
            using var ec2 = session.CreateEc2Client();
            var self = Await(new Ec2Reader(ec2, session).DescribeInstancesAsync(new[] { instanceId })).FirstOrDefault();
            if (self == null)
            {
                Fail(new HaNatException("InstanceNotFound", HaNatErrorKind.ObjectNotFound,
                    $"EC2 does not know instance {instanceId}, which IMDS says this is; cannot tell which subnets it serves."), instanceId);
            }
            var tag = Tagging.PrivateSubnetTag.OfInstance(self!.Tags);
            WriteVerbose($"Serving the subnets tagged {tag} (this NAT's deployment).");
            return tag;
        }

        protected override void ProcessRecord()
        {
            InstanceMetadata local;
            try
            {
                local = Identify();
            }
            catch (HaNatException ex)
            {
                Fail(ex);
                return;
            }
            var session = GetSession(() => local.Region);
            var settings = new FailoverSettings(IntervalSeconds, MissedHeartbeats)
            {
                SelfMarkGraceSeconds = UnhealthyGraceSeconds > 0 ? UnhealthyGraceSeconds : (double?)null,
            };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(SelfCheckSeconds))) settings.SelfCheckSeconds = SelfCheckSeconds;
            var tag = MyInvocation.BoundParameters.ContainsKey(nameof(PrivateSubnetTag)) ? _tag : DeploymentTagOf(session, local.InstanceId);
            var options = new MonitorOptions(local.InstanceId, local.AvailabilityZone, local.VpcId, local.VpcCidrBlocks, local.MacAddress,
                settings, Port, tag)
            {
                Probe = _probe,
                HeartbeatKeyParameter = HeartbeatKeyParameter,
                PeerRefreshSeconds = PeerRefreshSeconds,
                Once = Once.IsPresent,
                LogAwsCalls = MyInvocation.BoundParameters.ContainsKey("Verbose"),
                NetworkInterfaceId = local.NetworkInterfaceId,
                HandoverTimeoutSeconds = HandoverTimeoutSeconds,
                Departure = new DepartureRequest(),
            };
            var log = new MonitorLog(Console.Out);

            var reason = "stopped";
            // SIGTERM (systemd's stop: shutdown, reboot, systemctl stop) starts the handover; the loop ends when it has
            // ended, and pwsh exits 0. -Once has nothing to hand over: it stops as Ctrl+C does.
            using var signal = StopSignal.Register(
                () =>
                {
                    reason = "sigterm";
                    if (Once) StopProcessing();
                    else options.Departure.Request(DepartureTrigger.Sigterm);
                },
                () => _ended.Wait(TimeSpan.FromSeconds(HandoverTimeoutSeconds + Handover.DrainSeconds + Handover.LifecycleSeconds + 2)));
            try
            {
                using var loop = new MonitorLoop(options, session, log);
                loop.Run(Cancellation);
                if (loop.Departed != DepartureTrigger.None) reason = DepartureSignals.Name(loop.Departed);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                Fail(new HaNatException("HeartbeatPortUnavailable", HaNatErrorKind.ResourceExists,
                    $"UDP port {Port} could not be bound ({ex.Message}). Is another monitor running? Pass -Port to use another.", ex));
            }
            finally
            {
                log.Event("stop", ("reason", Once ? "once" : reason));
                _ended.Set();
            }
        }
    }
}
