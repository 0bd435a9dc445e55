// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
// Read-only here: a record of what the reply said.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>An instance and the group it belongs to, as DescribeAutoScalingInstances returns it.</summary>
    /// <param name="HealthStatus">HEALTHY or UNHEALTHY on AWS (upper case here, unlike Instance.HealthStatus); compare without case.</param>
    internal sealed record AutoScalingInstanceDetails(
        string InstanceId, string InstanceType, string AutoScalingGroupName, string AvailabilityZone, string LifecycleState,
        string HealthStatus, LaunchTemplateSpecification LaunchTemplate, bool? ProtectedFromScaleIn);
}
