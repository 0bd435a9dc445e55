using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// Auto Scaling's calls under the names and signatures of the SDK's client methods, each one
    /// <see cref="IQueryClient.CallAsync{TResponse}"/> with its typed request, and the DescribeAll… readers that
    /// follow the pages (<see cref="QueryPager"/>; the SDK offers the same through client.Paginators). They sit in
    /// the model's namespace so that code naming the requests finds them, as it would find the SDK client's methods.
    /// </summary>
    internal static class AutoScalingCalls
    {
        public static Task<CreateAutoScalingGroupResponse> CreateAutoScalingGroupAsync(this IAutoScalingClient client, CreateAutoScalingGroupRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DescribeAutoScalingGroupsResponse> DescribeAutoScalingGroupsAsync(this IAutoScalingClient client, DescribeAutoScalingGroupsRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<UpdateAutoScalingGroupResponse> UpdateAutoScalingGroupAsync(this IAutoScalingClient client, UpdateAutoScalingGroupRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DeleteAutoScalingGroupResponse> DeleteAutoScalingGroupAsync(this IAutoScalingClient client, DeleteAutoScalingGroupRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<SetInstanceHealthResponse> SetInstanceHealthAsync(this IAutoScalingClient client, SetInstanceHealthRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DescribeAutoScalingInstancesResponse> DescribeAutoScalingInstancesAsync(this IAutoScalingClient client, DescribeAutoScalingInstancesRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<AttachInstancesResponse> AttachInstancesAsync(this IAutoScalingClient client, AttachInstancesRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<TerminateInstanceInAutoScalingGroupResponse> TerminateInstanceInAutoScalingGroupAsync(this IAutoScalingClient client, TerminateInstanceInAutoScalingGroupRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<List<AutoScalingGroup>> DescribeAllAutoScalingGroupsAsync(this IAutoScalingClient client,
            DescribeAutoScalingGroupsRequest request, CancellationToken cancellationToken = default) =>
            client.AllPagesAsync(request, page => page.AutoScalingGroups, cancellationToken);

        public static Task<List<AutoScalingInstanceDetails>> DescribeAllAutoScalingInstancesAsync(this IAutoScalingClient client,
            DescribeAutoScalingInstancesRequest request, CancellationToken cancellationToken = default) =>
            client.AllPagesAsync(request, page => page.AutoScalingInstances, cancellationToken);
    }
}
