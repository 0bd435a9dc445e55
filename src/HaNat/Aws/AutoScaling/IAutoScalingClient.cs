using System;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.AutoScaling.Model;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>
    /// The Auto Scaling calls HaNat makes, with the signatures of Amazon.AutoScaling.IAmazonAutoScaling, so that
    /// moving to AWSSDK.AutoScaling (not served on HaNat's package registry today) means changing this type and
    /// the model namespace, not the callers. Get one from <see cref="AwsSession.CreateAutoScalingClient"/>.
    /// Failures are AwsCallExceptions carrying the service's error code (ValidationError, AlreadyExists, …).
    /// </summary>
    internal interface IAutoScalingClient : IDisposable
    {
        Task<CreateAutoScalingGroupResponse> CreateAutoScalingGroupAsync(CreateAutoScalingGroupRequest request, CancellationToken cancellationToken = default);

        Task<DescribeAutoScalingGroupsResponse> DescribeAutoScalingGroupsAsync(DescribeAutoScalingGroupsRequest request, CancellationToken cancellationToken = default);

        Task<UpdateAutoScalingGroupResponse> UpdateAutoScalingGroupAsync(UpdateAutoScalingGroupRequest request, CancellationToken cancellationToken = default);

        Task<DeleteAutoScalingGroupResponse> DeleteAutoScalingGroupAsync(DeleteAutoScalingGroupRequest request, CancellationToken cancellationToken = default);

        Task<SetInstanceHealthResponse> SetInstanceHealthAsync(SetInstanceHealthRequest request, CancellationToken cancellationToken = default);

        Task<DescribeAutoScalingInstancesResponse> DescribeAutoScalingInstancesAsync(DescribeAutoScalingInstancesRequest request, CancellationToken cancellationToken = default);
    }
}
