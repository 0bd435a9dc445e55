using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>The metric reads: GetMetricData, as the SDK's client names it, and a reader that follows its pages.</summary>
    internal static partial class CloudWatchCalls
    {
        public static Task<GetMetricDataResponse> GetMetricDataAsync(this ICloudWatchClient client, GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        /// <summary>
        /// Every page of one GetMetricData call. A series that spans pages (StatusCode PartialData) comes back as one
        /// result per page under the same Id; merge them by Id.
        /// </summary>
        public static Task<List<MetricDataResult>> GetAllMetricDataAsync(this ICloudWatchClient client,
            GetMetricDataRequest request, CancellationToken cancellationToken = default) =>
            client.AllPagesAsync(request, page => page.MetricDataResults, cancellationToken);
    }
}
