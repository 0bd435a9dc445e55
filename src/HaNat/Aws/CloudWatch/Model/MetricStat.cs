// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>A metric, and the statistic of its data to return per period.</summary>
    internal class MetricStat
    {
        public Metric Metric { get; set; }
        /// <summary>Seconds; 60 or a multiple of it for standard-resolution metrics such as HaNat's.</summary>
        public int? Period { get; set; }
        /// <summary>Average, Minimum, Maximum, Sum, SampleCount, or a percentile (p99).</summary>
        public string Stat { get; set; }
        public string Unit { get; set; }
    }
}
