using HaNat.Aws.CloudWatch.Model;

namespace HaNat.Metrics
{
    /// <summary>What the monitor's own state said over one publishing period, cut by <see cref="MonitorMetricsRecorder.Cut"/>.</summary>
    internal sealed record MonitorPeriod
    {
        /// <summary>When the period was cut, seconds on the monitor's clock.</summary>
        public double At { get; init; }
        public StatisticSet? Healthy { get; init; }
        public StatisticSet? PeersHeard { get; init; }
        public StatisticSet? ZonesServed { get; init; }
        /// <summary>Takeovers of a failed NAT's zone that went through during the period.</summary>
        public int Failovers { get; init; }
        /// <summary>Zones taken during the period because their NAT handed them over.</summary>
        public int Handovers { get; init; }
        /// <summary>The last takeover's time (the boot takeover's: when the monitor first saw its own zone here); null: none known.</summary>
        public double? LastTakeoverAt { get; init; }
        /// <summary>The zones served at the cut.</summary>
        public IReadOnlyList<ZoneTenure> Zones { get; init; } = Array.Empty<ZoneTenure>();
    }
}
