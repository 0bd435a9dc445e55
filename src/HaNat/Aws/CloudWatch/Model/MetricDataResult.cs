// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// One query's series: Timestamps[i] (the start of a period, UTC) goes with Values[i]. A period without data has
    /// no entry, so a metric nobody published comes back with both lists empty, not as an error.
    /// </summary>
    internal class MetricDataResult
    {
        public string Id { get; set; }
        public string Label { get; set; }
        /// <summary>Complete, InternalError, PartialData (more on the next page) or Forbidden.</summary>
        public string StatusCode { get; set; }
        public List<DateTime> Timestamps { get; set; }
        public List<double> Values { get; set; }
    }
}
