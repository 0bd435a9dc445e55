using HaNat.Aws;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.CloudWatch.Model;

namespace HaNat.Status
{
    /// <summary>
    /// Reads the NATs' metrics for Get-HaNatVpc -Status: one GetMetricData call for up to 125 zones, whatever the number
    /// of VPCs. CloudWatch is the status's second source, never its only one: a refusal (no cloudwatch:GetMetricData),
    /// an outage or a timeout is handed back as a problem to warn about, and every VPC reads as having no metrics.
    /// </summary>
    internal sealed class StatusMetricsReader
    {
        /// <summary>A user waits at a prompt: one retry, ten seconds an attempt, rather than the cmdlets' five and twenty.</summary>
        public static readonly AwsCallBounds Bounds = new AwsCallBounds(TimeSpan.FromSeconds(10), 1);

        private readonly ICloudWatchClient _cloudWatch;
        private readonly CancellationToken _cancellation;

        public StatusMetricsReader(ICloudWatchClient cloudWatch, CancellationToken cancellation)
        {
            _cloudWatch = cloudWatch;
            _cancellation = cancellation;
        }

        public async Task<(IReadOnlyDictionary<string, StatusMetrics> Metrics, string? Problem)> ReadAsync(
            IEnumerable<(string VpcName, IEnumerable<string> Zones)> vpcs, DateTime now)
        {
            var series = StatusMetricQueries.For(vpcs);
            var results = new List<MetricDataResult>();
            try
            {
                foreach (var request in StatusMetricQueries.Requests(series, now))
                    results.AddRange(await _cloudWatch.GetAllMetricDataAsync(request, _cancellation).ConfigureAwait(false));
            }
            catch (AwsCallException ex)
            {
                return (StatusMetricQueries.Latest(series, Array.Empty<MetricDataResult>()),
                    $"CloudWatch GetMetricData failed ({ex.AwsErrorCode}: {ex.Message})");
            }
            return (StatusMetricQueries.Latest(series, results), null);
        }
    }
}
