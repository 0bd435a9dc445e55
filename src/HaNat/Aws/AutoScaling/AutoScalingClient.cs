using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>Auto Scaling over the Query protocol, signed for the session's region.</summary>
    internal sealed class AutoScalingClient : QueryClient, IAutoScalingClient
    {
        public AutoScalingClient(AwsSession session, QueryRetryPolicy? retryPolicy = null)
            : base(QueryService.AutoScaling, session, retryPolicy)
        {
        }
    }
}
