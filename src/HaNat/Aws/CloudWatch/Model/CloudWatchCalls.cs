using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// CloudWatch's calls under the names and signatures of the SDK's client methods, each one
    /// <see cref="IQueryClient.CallAsync{TResponse}"/> with its typed request. Partial: the metric calls
    /// (CloudWatchCalls.Metrics.cs) and the alarm calls (CloudWatchCalls.Alarms.cs) each in their own file.
    /// </summary>
    internal static partial class CloudWatchCalls
    {
    }
}
