using HaNat.Aws.Query;

namespace HaNat.Aws.Iam
{
    /// <summary>IAM over the Query protocol, signed for the partition's IAM region (us-east-1 in the commercial one).</summary>
    internal sealed class IamClient : QueryClient, IIamClient
    {
        public IamClient(AwsSession session, QueryRetryPolicy? retryPolicy = null)
            : base(QueryService.Iam, session, retryPolicy)
        {
        }
    }
}
