// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>One metric: a namespace, a name and the exact set of dimensions it was published with.</summary>
    internal class Metric
    {
        public string Namespace { get; set; }
        public string MetricName { get; set; }
        public List<Dimension> Dimensions { get; set; }
    }
}
