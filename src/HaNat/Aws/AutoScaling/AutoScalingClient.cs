using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>Auto Scaling over the Query protocol: each call marshals its request, sends it, and reads the reply.</summary>
    internal sealed class AutoScalingClient : IAutoScalingClient
    {
        private readonly QueryClient _query;

        public AutoScalingClient(AwsSession session, QueryRetryPolicy? retryPolicy = null)
        {
            _query = new QueryClient(QueryService.AutoScaling, session, retryPolicy);
        }

        /// <summary>Where the calls go and the region they are signed for.</summary>
        public QueryEndpoint Endpoint => _query.Endpoint;

        public async Task<CreateAutoScalingGroupResponse> CreateAutoScalingGroupAsync(CreateAutoScalingGroupRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("CreateAutoScalingGroup", AutoScalingMarshaller.Marshal(request),
                request.AutoScalingGroupName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new CreateAutoScalingGroupResponse());
        }

        public async Task<DescribeAutoScalingGroupsResponse> DescribeAutoScalingGroupsAsync(DescribeAutoScalingGroupsRequest request, CancellationToken cancellationToken = default)
        {
            var detail = request.AutoScalingGroupNames?.Count > 0 ? string.Join(",", request.AutoScalingGroupNames) : string.Empty;
            var reply = await _query.InvokeAsync("DescribeAutoScalingGroups", AutoScalingMarshaller.Marshal(request),
                detail, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(AutoScalingUnmarshaller.DescribeAutoScalingGroups(reply.Result));
        }

        public async Task<UpdateAutoScalingGroupResponse> UpdateAutoScalingGroupAsync(UpdateAutoScalingGroupRequest request, CancellationToken cancellationToken = default)
        {
            var detail = $"{request.AutoScalingGroupName} min={request.MinSize} max={request.MaxSize} desired={request.DesiredCapacity}";
            var reply = await _query.InvokeAsync("UpdateAutoScalingGroup", AutoScalingMarshaller.Marshal(request),
                detail, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new UpdateAutoScalingGroupResponse());
        }

        public async Task<DeleteAutoScalingGroupResponse> DeleteAutoScalingGroupAsync(DeleteAutoScalingGroupRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("DeleteAutoScalingGroup", AutoScalingMarshaller.Marshal(request),
                request.AutoScalingGroupName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new DeleteAutoScalingGroupResponse());
        }

        public async Task<SetInstanceHealthResponse> SetInstanceHealthAsync(SetInstanceHealthRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("SetInstanceHealth", AutoScalingMarshaller.Marshal(request),
                $"{request.InstanceId} {request.HealthStatus}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new SetInstanceHealthResponse());
        }

        public async Task<DescribeAutoScalingInstancesResponse> DescribeAutoScalingInstancesAsync(DescribeAutoScalingInstancesRequest request, CancellationToken cancellationToken = default)
        {
            var detail = request.InstanceIds?.Count > 0 ? string.Join(",", request.InstanceIds) : string.Empty;
            var reply = await _query.InvokeAsync("DescribeAutoScalingInstances", AutoScalingMarshaller.Marshal(request),
                detail, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(AutoScalingUnmarshaller.DescribeAutoScalingInstances(reply.Result));
        }

        public void Dispose() => _query.Dispose();
    }
}
