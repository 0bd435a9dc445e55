// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>The statistics of several samples of a metric, sent as one datum: CloudWatch keeps Sum, Min, Max and the count.</summary>
    internal class StatisticSet
    {
        public double? SampleCount { get; set; }
        public double? Sum { get; set; }
        public double? Minimum { get; set; }
        public double? Maximum { get; set; }
    }
}
