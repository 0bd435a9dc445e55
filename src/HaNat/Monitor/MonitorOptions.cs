using HaNat.DataPlane;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>Everything Start-HaNatMonitor was told, and who this NAT is.</summary>
    internal sealed class MonitorOptions
    {
        public MonitorOptions(string instanceId, string zone, string vpcId, IReadOnlyList<string> vpcCidrBlocks, string? macAddress,
            FailoverSettings settings, int port, PrivateSubnetTag tag)
        {
            InstanceId = instanceId;
            Zone = zone;
            VpcId = vpcId;
            VpcCidrBlocks = vpcCidrBlocks;
            MacAddress = macAddress;
            Settings = settings;
            Port = port;
            Tag = tag;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public string VpcId { get; }
        public IReadOnlyList<string> VpcCidrBlocks { get; }
        public string? MacAddress { get; }
        public FailoverSettings Settings { get; }
        public int Port { get; }
        public PrivateSubnetTag Tag { get; }
        public EgressProbe? Probe { get; set; }
        public string? HeartbeatKeyParameter { get; set; }
        public double PeerRefreshSeconds { get; set; } = 30;
        /// <summary>How far a beat's sent-at may be from this host's clock.</summary>
        public double FreshnessWindowSeconds { get; set; } = 30;
        public bool Once { get; set; }
        /// <summary>Log each AWS call (from -Verbose).</summary>
        public bool LogAwsCalls { get; set; }
        /// <summary>This NAT's primary network interface (a route may name it rather than the instance).</summary>
        public string? NetworkInterfaceId { get; set; }
        /// <summary>How long a leaving NAT waits for its peers to take its routes before it gives up (handover-failed).</summary>
        public double HandoverTimeoutSeconds { get; set; } = 20;
        /// <summary>How often IMDS is asked whether this NAT is leaving (lifecycle state, spot notice, rebalance).</summary>
        public double DepartureCheckSeconds { get; set; } = 1;
        /// <summary>Publish the NAT's metrics to CloudWatch (not with -NoMetrics, nor in the -Once round).</summary>
        public bool PublishMetrics { get; set; } = true;
        /// <summary>Seconds between PutMetricData requests: 60 (a test may shorten it, see <see cref="Metrics.MetricsPublisher.PeriodEnvironmentVariable"/>).</summary>
        public double MetricsPeriodSeconds { get; set; } = Metrics.MetricsPublisher.DefaultPeriodSeconds;
        /// <summary>SIGTERM and Ctrl+C ask for this; null: only IMDS can start a departure.</summary>
        public DepartureRequest? Departure { get; set; }
    }
}
