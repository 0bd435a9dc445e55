namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>The metric publishing call: what every NAT's monitor sends, once a minute at most.</summary>
    internal static partial class CloudWatchCalls
    {
        public static Task<PutMetricDataResponse> PutMetricDataAsync(this ICloudWatchClient client, PutMetricDataRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);
    }
}
