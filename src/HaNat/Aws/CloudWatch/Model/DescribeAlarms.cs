// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>One page of alarms, by names or by a name prefix; CloudWatch pages with NextToken.</summary>
    internal class DescribeAlarmsRequest : PagedQueryRequest<DescribeAlarmsResponse>
    {
        public List<string> AlarmNames { get; set; }
        public string AlarmNamePrefix { get; set; }
        /// <summary>MetricAlarm (HaNat's kind) or CompositeAlarm; CloudWatch returns metric alarms only when unset.</summary>
        public List<string> AlarmTypes { get; set; }
        /// <summary>At most 100.</summary>
        public int? MaxRecords { get; set; }
        public string NextToken { get; set; }

        internal override string PageToken
        {
            get => NextToken;
            set => NextToken = value;
        }

        internal override string NextPageToken(DescribeAlarmsResponse page) => page.NextToken;

        internal override string LogDetail => AlarmNamePrefix != null ? AlarmNamePrefix + "*" : string.Join(",", AlarmNames ?? Enumerable.Empty<string>());
    }

    internal class DescribeAlarmsResponse : AmazonWebServiceResponse
    {
        public List<MetricAlarm> MetricAlarms { get; set; }
        [PageToken]
        public string NextToken { get; set; }
    }
}
