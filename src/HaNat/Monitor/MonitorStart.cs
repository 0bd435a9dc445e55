using System.Net.Sockets;
using HaNat.Aws;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// How a monitor starts and ends, whichever host runs it (Start-HaNatMonitor in pwsh, or the hanat-monitor
    /// executable the unit starts): this NAT's identity from IMDS, the subnets its deployment serves, the options,
    /// SIGTERM as a handover, the loop, and the `stop` event with its reason. Failures are HaNatExceptions; each
    /// host reports them its own way (an ErrorRecord, or a line on stderr and an exit code).
    /// </summary>
    internal sealed class MonitorStart
    {
        private readonly MonitorArguments _arguments;
        private readonly MonitorLog _log;
        private readonly Action<string> _verbose;
        private readonly ManualResetEventSlim _ended = new ManualResetEventSlim(false);

        /// <param name="verbose">Where a host's -Verbose lines go (nowhere without -Verbose).</param>
        public MonitorStart(MonitorArguments arguments, MonitorLog log, Action<string> verbose)
        {
            _arguments = arguments;
            _log = log;
            _verbose = verbose;
        }

        /// <summary>
        /// This instance's identity from IMDSv2. A slow answer (a busy host at boot) is tried again, for up to about
        /// 15 s, so that the monitor does not die of one timeout; a refusal (not on an instance) fails at once.
        /// </summary>
        public InstanceMetadata Identify(CancellationToken cancellation) =>
            new InstanceMetadataClient(null, TimeSpan.FromSeconds(3)).GetIdentity(cancellation, attempts: 4,
                attempt => _verbose($"IMDS did not answer in time (attempt {attempt}): trying again."));

        /// <summary>
        /// The subnets this NAT serves: -PrivateSubnetTag when given, else its deployment's, from its own tags
        /// (<see cref="PrivateSubnetTag.OfInstance"/>): one DescribeInstances at start. If EC2 cannot answer, the monitor
        /// does not start (its unit starts it again) rather than guess: in a VPC HaNat did not build, the default tag
        /// would name subnets it must not serve.
        /// </summary>
        public PrivateSubnetTag TagOf(AwsSession session, string instanceId)
        {
            if (_arguments.PrivateSubnetTag != null) return _arguments.PrivateSubnetTag;
            using var ec2 = session.CreateEc2Client();
            var self = new Ec2Reader(ec2, session).DescribeInstancesAsync(new[] { instanceId }).GetAwaiter().GetResult().FirstOrDefault();
            if (self == null)
            {
                throw new HaNatException("InstanceNotFound", HaNatErrorKind.ObjectNotFound,
                    $"EC2 does not know instance {instanceId}, which IMDS says this is; cannot tell which subnets it serves.") { Target = instanceId };
            }
            var tag = PrivateSubnetTag.OfInstance(self.Tags);
            _verbose($"Serving the subnets tagged {tag} (this NAT's deployment).");
            return tag;
        }

        public MonitorOptions OptionsFor(InstanceMetadata local, PrivateSubnetTag tag)
        {
            var a = _arguments;
            var settings = new FailoverSettings(a.IntervalSeconds, a.MissedHeartbeats)
            {
                SelfMarkGraceSeconds = a.UnhealthyGraceSeconds > 0 ? a.UnhealthyGraceSeconds : (double?)null,
            };
            if (a.SelfCheckSeconds is double selfCheck) settings.SelfCheckSeconds = selfCheck;
            return new MonitorOptions(local.InstanceId, local.AvailabilityZone, local.VpcId, local.VpcCidrBlocks, local.MacAddress,
                settings, a.Port, tag)
            {
                Probe = a.Probe,
                HeartbeatKeyParameter = a.HeartbeatKeyParameter,
                PeerRefreshSeconds = a.PeerRefreshSeconds,
                Once = a.Once,
                LogAwsCalls = a.LogAwsCalls,
                NetworkInterfaceId = local.NetworkInterfaceId,
                HandoverTimeoutSeconds = a.HandoverTimeoutSeconds,
                Departure = new DepartureRequest(),
                PublishMetrics = !a.NoMetrics && !a.Once,
                MetricsPeriodSeconds = Metrics.MetricsPublisher.PeriodFromEnvironment(),
            };
        }

        /// <summary>
        /// Runs the loop until <paramref name="cancellation"/> trips (Ctrl+C) or this NAT has left (its handover done),
        /// and logs the `stop` event. SIGTERM (systemd's stop: shutdown, reboot, systemctl stop) starts the handover;
        /// the loop ends when it has ended, and the host exits 0. With -Once there is nothing to hand over: SIGTERM
        /// calls <paramref name="stopOnce"/>, which must trip <paramref name="cancellation"/>, as Ctrl+C does.
        /// </summary>
        /// <returns>Why it stopped: once, sigterm, stopped, or the departure's trigger.</returns>
        public string Run(MonitorOptions options, AwsSession session, CancellationToken cancellation, Action stopOnce)
        {
            var reason = "stopped";
            var handoverBound = TimeSpan.FromSeconds(options.HandoverTimeoutSeconds + Handover.DrainSeconds + Handover.LifecycleSeconds + 2);
            using var signal = StopSignal.Register(
                () =>
                {
                    reason = "sigterm";
                    if (options.Once) stopOnce();
                    else options.Departure!.Request(DepartureTrigger.Sigterm);
                },
                () => _ended.Wait(handoverBound));
            try
            {
                using var loop = new MonitorLoop(options, session, _log);
                loop.Run(cancellation);
                if (loop.Departed != DepartureTrigger.None) reason = DepartureSignals.Name(loop.Departed);
            }
            catch (SocketException ex)
            {
                throw new HaNatException("HeartbeatPortUnavailable", HaNatErrorKind.ResourceExists,
                    $"UDP port {options.Port} could not be bound ({ex.Message}). Is another monitor running? Pass -Port to use another.", ex)
                { Target = options.Port };
            }
            finally
            {
                if (options.Once) reason = "once";
                _log.Event("stop", ("reason", reason));
                _ended.Set();
            }
            return reason;
        }
    }
}
