using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>
    /// The Auto Scaling client. Its calls (<see cref="Model.AutoScalingCalls"/>) have the names and signatures of
    /// Amazon.AutoScaling.IAmazonAutoScaling, so that moving to AWSSDK.AutoScaling (not served on HaNat's package
    /// registry today) means changing this type and the model namespace, not the callers. Get one from
    /// <see cref="AwsSession.CreateAutoScalingClient"/>.
    /// Failures are AwsCallExceptions carrying the service's error code (ValidationError, AlreadyExists, …).
    /// </summary>
    internal interface IAutoScalingClient : IQueryClient
    {
    }
}
