// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of instances in groups, by ids or all of them; an id not in any group is simply absent.</summary>
    internal class DescribeAutoScalingInstancesRequest : AutoScalingPageRequest<DescribeAutoScalingInstancesResponse>
    {
        public List<string> InstanceIds { get; set; }

        internal override string LogDetail => string.Join(",", InstanceIds ?? Enumerable.Empty<string>());
    }

    internal class DescribeAutoScalingInstancesResponse : AutoScalingPage
    {
        public List<AutoScalingInstanceDetails> AutoScalingInstances { get; set; }
    }
}
