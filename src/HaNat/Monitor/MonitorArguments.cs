using HaNat.DataPlane;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// What the monitor was told, by Start-HaNatMonitor's parameter names, from either of its hosts: the cmdlet or
    /// the hanat-monitor executable (<see cref="MonitorCommandLine"/>). Defaults are the cmdlet's.
    /// </summary>
    internal sealed class MonitorArguments
    {
        public double IntervalSeconds { get; set; } = FailoverSettings.DefaultIntervalSeconds;
        public int MissedHeartbeats { get; set; } = FailoverSettings.DefaultMissedHeartbeats;
        /// <summary>Null: the settings' default (the interval, at least 0.5 s).</summary>
        public double? SelfCheckSeconds { get; set; }
        public int Port { get; set; } = Layout.VpcLayout.HeartbeatPort;
        public EgressProbe? Probe { get; set; }
        public string? HeartbeatKeyParameter { get; set; }
        public double PeerRefreshSeconds { get; set; } = 30;
        /// <summary>Null: the subnets of this NAT's deployment, from its own tags (one DescribeInstances at start).</summary>
        public PrivateSubnetTag? PrivateSubnetTag { get; set; }
        public double UnhealthyGraceSeconds { get; set; } = 120;
        public double HandoverTimeoutSeconds { get; set; } = 20;
        public bool Once { get; set; }
        /// <summary>Publish no metrics to CloudWatch (-NoMetrics).</summary>
        public bool NoMetrics { get; set; }
        /// <summary>Log each AWS call as an `aws` event (-Verbose).</summary>
        public bool LogAwsCalls { get; set; }
    }
}
