// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// An alarm on one metric, as DescribeAlarms returns it: what HaNat reads of it (the SDK's type has more; the
    /// threshold is left out as HaNat reads no number of an alarm back).
    /// </summary>
    internal class MetricAlarm
    {
        public string AlarmName { get; set; }
        public string AlarmArn { get; set; }
        public string AlarmDescription { get; set; }
        public List<string> AlarmActions { get; set; }
        public string Namespace { get; set; }
        public string MetricName { get; set; }
        public List<Dimension> Dimensions { get; set; }
        /// <summary>OK, ALARM or INSUFFICIENT_DATA.</summary>
        public string StateValue { get; set; }
    }
}
