// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// Publishes data points to CloudWatch: up to 1,000 datums (and 1 MB) a request, each a metric of the namespace.
    /// On the wire: Namespace, then MetricData.member.N.MetricName, MetricData.member.N.Dimensions.member.M.Name…
    /// </summary>
    internal class PutMetricDataRequest : QueryRequest<PutMetricDataResponse>
    {
        public string Namespace { get; set; }
        public List<MetricDatum> MetricData { get; set; }

        internal override string LogDetail => $"{Namespace} ({MetricData?.Count ?? 0} datums)";
    }

    internal class PutMetricDataResponse : AmazonWebServiceResponse
    {
    }
}
