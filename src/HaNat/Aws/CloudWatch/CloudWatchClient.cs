using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch
{
    /// <summary>CloudWatch over the Query protocol, signed for the session's region.</summary>
    internal sealed class CloudWatchClient : QueryClient, ICloudWatchClient
    {
        public CloudWatchClient(AwsSession session, QueryRetryPolicy? retryPolicy = null)
            : base(QueryService.CloudWatch, session, retryPolicy)
        {
        }
    }
}
