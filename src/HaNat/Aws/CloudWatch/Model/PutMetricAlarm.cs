// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// Creates an alarm on one metric, or replaces the alarm of that name (CloudWatch has no separate update, and
    /// ignores <see cref="Tags"/> on a replace): HaNat checks that its alarms' names are free before it makes them.
    /// </summary>
    internal class PutMetricAlarmRequest : QueryRequest<PutMetricAlarmResponse>
    {
        public string AlarmName { get; set; }
        public string AlarmDescription { get; set; }
        public bool? ActionsEnabled { get; set; }
        public List<string> OKActions { get; set; }
        public List<string> AlarmActions { get; set; }
        public List<string> InsufficientDataActions { get; set; }
        public string MetricName { get; set; }
        public string Namespace { get; set; }
        /// <summary>SampleCount, Average, Sum, Minimum or Maximum (Amazon.CloudWatch.Statistic's values).</summary>
        public string Statistic { get; set; }
        public List<Dimension> Dimensions { get; set; }
        /// <summary>Seconds: 10, 30, or a multiple of 60.</summary>
        public int? Period { get; set; }
        public int? EvaluationPeriods { get; set; }
        public int? DatapointsToAlarm { get; set; }
        public double? Threshold { get; set; }
        /// <summary>GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold.</summary>
        public string ComparisonOperator { get; set; }
        /// <summary>breaching, notBreaching, ignore or missing.</summary>
        public string TreatMissingData { get; set; }
        public List<Tag> Tags { get; set; }

        internal override string LogDetail => AlarmName;
    }

    internal class PutMetricAlarmResponse : AmazonWebServiceResponse
    {
    }
}
