using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>The alarm calls: what New-/Add-HaNatVpc make, Remove-HaNatVpc finds and deletes.</summary>
    internal static partial class CloudWatchCalls
    {
        public static Task<PutMetricAlarmResponse> PutMetricAlarmAsync(this ICloudWatchClient client, PutMetricAlarmRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DeleteAlarmsResponse> DeleteAlarmsAsync(this ICloudWatchClient client, DeleteAlarmsRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DescribeAlarmsResponse> DescribeAlarmsAsync(this ICloudWatchClient client, DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<ListTagsForResourceResponse> ListTagsForResourceAsync(this ICloudWatchClient client, ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        /// <summary>Every metric alarm the request matches, following the pages.</summary>
        public static Task<List<MetricAlarm>> DescribeAllAlarmsAsync(this ICloudWatchClient client, DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
            client.AllPagesAsync(request, page => page.MetricAlarms, cancellationToken);
    }
}
