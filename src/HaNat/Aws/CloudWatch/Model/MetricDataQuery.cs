// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>One series GetMetricData returns: a metric's statistic (MetricStat) or a math expression over others.</summary>
    internal class MetricDataQuery
    {
        /// <summary>Unique in the request; starts with a lower-case letter, then letters, digits and '_'. The result carries it back.</summary>
        public string Id { get; set; }
        public MetricStat MetricStat { get; set; }
        public string Expression { get; set; }
        public string Label { get; set; }
        /// <summary>False for a series that only feeds an expression; true (the default) to have it returned.</summary>
        public bool? ReturnData { get; set; }
        public int? Period { get; set; }
        public string AccountId { get; set; }
    }
}
