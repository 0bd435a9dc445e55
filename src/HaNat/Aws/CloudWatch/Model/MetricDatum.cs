// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// One data point of one metric (its name and dimensions): a single <see cref="Value"/>, or the
    /// <see cref="StatisticValues"/> of many samples taken during the period (one datum instead of one per sample).
    /// (The SDK's Values and Counts lists are not modelled: HaNat sends statistic sets.)
    /// </summary>
    internal class MetricDatum
    {
        public string MetricName { get; set; }
        public List<Dimension> Dimensions { get; set; }
        public DateTime? Timestamp { get; set; }
        public double? Value { get; set; }
        public StatisticSet StatisticValues { get; set; }
        /// <summary>A <see cref="StandardUnit"/> name (Count, Seconds, Percent, Bytes…).</summary>
        public string Unit { get; set; }
        /// <summary>60 (standard, the default) or 1 (high resolution, billed higher).</summary>
        public int? StorageResolution { get; set; }
    }
}
