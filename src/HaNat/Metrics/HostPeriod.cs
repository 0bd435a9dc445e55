using HaNat.Aws.CloudWatch.Model;

namespace HaNat.Metrics
{
    /// <summary>What the NAT's kernel said over one publishing period: the conntrack table's samples and its counters' growth.</summary>
    internal sealed record HostPeriod
    {
        public StatisticSet? ConntrackUsedPercent { get; init; }
        public StatisticSet? ConntrackEntries { get; init; }
        /// <summary>Null for the first period of a counter, whose start is unknown.</summary>
        public CounterGrowth Growth { get; init; } = new CounterGrowth();
    }
}
