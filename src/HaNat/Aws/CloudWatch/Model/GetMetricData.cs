// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// Up to 500 series of metric data between StartTime (inclusive) and EndTime (exclusive), a page at a time: a
    /// response with a NextToken has more (<see cref="CloudWatchCalls.GetAllMetricDataAsync"/> follows them).
    /// </summary>
    internal class GetMetricDataRequest : PagedQueryRequest<GetMetricDataResponse>
    {
        /// <summary>The most queries one call takes.</summary>
        internal const int MaxQueries = 500;

        public List<MetricDataQuery> MetricDataQueries { get; set; }
        public DateTime? StartTime { get; set; }
        public DateTime? EndTime { get; set; }
        public string NextToken { get; set; }
        /// <summary>TimestampDescending (newest first, the default) or TimestampAscending.</summary>
        public string ScanBy { get; set; }
        public int? MaxDatapoints { get; set; }

        internal override string LogDetail => $"{MetricDataQueries?.Count ?? 0} series";

        internal override string PageToken
        {
            get => NextToken;
            set => NextToken = value;
        }

        internal override string NextPageToken(GetMetricDataResponse page) => page.NextToken;
    }

    internal class GetMetricDataResponse : AmazonWebServiceResponse
    {
        public List<MetricDataResult> MetricDataResults { get; set; }
        [PageToken]
        public string NextToken { get; set; }
    }
}
