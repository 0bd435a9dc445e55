// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of groups, by names, by filters, or all of them.</summary>
    internal class DescribeAutoScalingGroupsRequest : AutoScalingPageRequest<DescribeAutoScalingGroupsResponse>
    {
        public List<string> AutoScalingGroupNames { get; set; }
        public List<Filter> Filters { get; set; }

        internal override string LogDetail => string.Join(",", AutoScalingGroupNames ?? Enumerable.Empty<string>());
    }

    internal class DescribeAutoScalingGroupsResponse : AutoScalingPage
    {
        public List<AutoScalingGroup> AutoScalingGroups { get; set; }
    }
}
