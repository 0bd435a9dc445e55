// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
// Read-only here: a record of what the reply said.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A group as DescribeAutoScalingGroups returns it (the fields HaNat reads).</summary>
    /// <param name="VPCZoneIdentifier">The subnet ids, comma-separated.</param>
    /// <param name="Status">Set while the group is being deleted ("Delete in progress").</param>
    /// <param name="MixedInstancesPolicy">Set instead of LaunchTemplate when the group launches several types or spot.</param>
    internal sealed record AutoScalingGroup(
        string AutoScalingGroupName, string AutoScalingGroupARN, LaunchTemplateSpecification LaunchTemplate,
        int? MinSize, int? MaxSize, int? DesiredCapacity, int? DefaultCooldown, List<string> AvailabilityZones,
        string HealthCheckType, int? HealthCheckGracePeriod, List<Instance> Instances, DateTime? CreatedTime,
        string VPCZoneIdentifier, List<TagDescription> Tags, List<string> TerminationPolicies, string Status,
        MixedInstancesPolicy MixedInstancesPolicy, bool? CapacityRebalance);
}
