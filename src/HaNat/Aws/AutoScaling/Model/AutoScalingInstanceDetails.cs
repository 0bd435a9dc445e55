// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// An instance and the group it belongs to, as DescribeAutoScalingInstances returns it. Its HealthStatus is
    /// HEALTHY or UNHEALTHY on AWS (upper case, unlike a group's Instance); compare without case.
    /// </summary>
    internal class AutoScalingInstanceDetails : Instance
    {
        public string AutoScalingGroupName { get; set; }
    }
}
