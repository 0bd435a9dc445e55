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

        /// <summary>
        /// Publish no metrics to CloudWatch. By default the monitor sends one PutMetricData a minute in the HaNat
        /// namespace (README, Metrics), to the session's CloudWatch endpoint (-EndpointUrl, AWS_ENDPOINT_URL_CLOUDWATCH).
        /// </summary>
        [Parameter]
        public SwitchParameter NoMetrics { get; set; }

        private PrivateSubnetTag _tag = Tagging.PrivateSubnetTag.Parse(null);

        protected override string OffInstanceAdvice =>
            "Start-HaNatMonitor watches the NAT it runs on, which IMDS names: it takes no instance or VPC id, and runs on a HaNat NAT " +
            "instance (its hanat-monitor unit starts it at boot). From elsewhere, Test-HaNatRouting -VpcId audits a VPC's routes.";
        private EgressProbe? _probe;

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
        /// The start the hanat-monitor executable makes too (<see cref="MonitorStart"/>: identity, deployment tag,
        /// options, SIGTERM, the loop, the stop event); only the session (AWS.Tools' stored defaults, -Credential) and
        /// how errors are reported are the cmdlet's own.
        /// </summary>
        protected override void ProcessRecord()
        {
            var arguments = new MonitorArguments
            {
                IntervalSeconds = IntervalSeconds,
                MissedHeartbeats = MissedHeartbeats,
                SelfCheckSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(SelfCheckSeconds)) ? SelfCheckSeconds : (double?)null,
                Port = Port,
                Probe = _probe,
                HeartbeatKeyParameter = HeartbeatKeyParameter,
                PeerRefreshSeconds = PeerRefreshSeconds,
                PrivateSubnetTag = MyInvocation.BoundParameters.ContainsKey(nameof(PrivateSubnetTag)) ? _tag : null,
                UnhealthyGraceSeconds = UnhealthyGraceSeconds,
                HandoverTimeoutSeconds = HandoverTimeoutSeconds,
                Once = Once.IsPresent,
                NoMetrics = NoMetrics.IsPresent,
                LogAwsCalls = MyInvocation.BoundParameters.ContainsKey("Verbose"),
            };
            // Identify and TagOf run on the pipeline thread, where WriteVerbose may be called.
            var start = new MonitorStart(arguments, new MonitorLog(Console.Out), WriteVerbose);
            MonitorOptions options;
            AwsSession session;
            try
            {
                var local = start.Identify(Cancellation);
                session = GetSession(() => local.Region);
                options = start.OptionsFor(local, start.TagOf(session, local.InstanceId));
                FlushCallLog();
            }
            catch (HaNatException ex)
            {
                Fail(ex);
                return;
            }
            try
            {
                start.Run(options, session, Cancellation, StopProcessing);
            }
            catch (HaNatException ex)
            {
                Fail(ex);
            }
        }
    }
}
