using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.AutoScaling.Model;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>
    /// Reads every page of the describe calls (the SDK offers the same through client.Paginators). The request's
    /// NextToken is advanced in place, as the SDK's paginators do with theirs. A service that hands back the
    /// token it was just given would keep a loop going for ever, so that ends the reading too.
    /// </summary>
    internal static class AutoScalingPaging
    {
        public static async Task<List<AutoScalingGroup>> DescribeAllAutoScalingGroupsAsync(this IAutoScalingClient client,
            DescribeAutoScalingGroupsRequest request, CancellationToken cancellationToken = default)
        {
            var groups = new List<AutoScalingGroup>();
            do
            {
                var page = await client.DescribeAutoScalingGroupsAsync(request, cancellationToken).ConfigureAwait(false);
                if (page.AutoScalingGroups != null) groups.AddRange(page.AutoScalingGroups);
                if (page.NextToken == request.NextToken) break;
                request.NextToken = page.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return groups;
        }

        public static async Task<List<AutoScalingInstanceDetails>> DescribeAllAutoScalingInstancesAsync(this IAutoScalingClient client,
            DescribeAutoScalingInstancesRequest request, CancellationToken cancellationToken = default)
        {
            var instances = new List<AutoScalingInstanceDetails>();
            do
            {
                var page = await client.DescribeAutoScalingInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                if (page.AutoScalingInstances != null) instances.AddRange(page.AutoScalingInstances);
                if (page.NextToken == request.NextToken) break;
                request.NextToken = page.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return instances;
        }
    }
}
