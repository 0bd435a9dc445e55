using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch
{
    /// <summary>
    /// The CloudWatch client. Its calls (<see cref="Model.CloudWatchCalls"/>) have the names and signatures of
    /// Amazon.CloudWatch.IAmazonCloudWatch, so that moving to AWSSDK.CloudWatch (not served on HaNat's package
    /// registry today) means changing this type and the model namespace, not the callers. Get one from
    /// <see cref="AwsSession.CreateCloudWatchClient"/>. Failures are AwsCallExceptions carrying CloudWatch's error code.
    /// </summary>
    internal interface ICloudWatchClient : IQueryClient
    {
    }
}
