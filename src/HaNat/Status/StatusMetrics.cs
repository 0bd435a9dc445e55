using HaNat.Metrics;

namespace HaNat.Status
{
    /// <summary>One datum: the start of its period (UTC) and the statistic's value over it.</summary>
    internal readonly record struct MetricReading(DateTime Timestamp, double Value);

    /// <summary>
    /// The latest datum of each of a VPC's metrics, by name and zone (the AvailabilityZone dimension: the zone served,
    /// or the publishing NAT's zone for a NAT's own metrics). <see cref="None"/> when CloudWatch had nothing or did not answer.
    /// </summary>
    internal sealed class StatusMetrics
    {
        private readonly IReadOnlyDictionary<(string Metric, string Zone), MetricReading> _latest;

        public StatusMetrics(IReadOnlyDictionary<(string Metric, string Zone), MetricReading> latest) => _latest = latest;

        public static StatusMetrics None { get; } = new StatusMetrics(new Dictionary<(string, string), MetricReading>());

        /// <summary>Whether any metric of the VPC had a datum: a VPC whose NATs publish nothing reads as "no metrics".</summary>
        public bool Any => _latest.Count > 0;

        public MetricReading? Latest(string metric, string? zone) =>
            zone != null && _latest.TryGetValue((metric, zone), out var datum) ? datum : (MetricReading?)null;

        /// <summary>The metrics the status reads for each zone, each with the statistic that answers "now" best over a minute.</summary>
        public static readonly IReadOnlyList<(string Metric, string Stat)> Read = new[]
        {
            // Seconds grow through the minute: the maximum is the latest publication's.
            (HaNatMetrics.ZoneServedSeconds, "Maximum"),
            // A move within the minute shows as 1 in either: the maximum keeps it.
            (HaNatMetrics.ZoneServedByPeer, "Maximum"),
            (HaNatMetrics.ZoneTakenByHandover, "Maximum"),
            // One failed self-check in the minute is worth showing: the minimum keeps it.
            (HaNatMetrics.Healthy, "Minimum"),
        };
    }
}
