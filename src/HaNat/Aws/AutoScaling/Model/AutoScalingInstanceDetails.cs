// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>An instance and the group it belongs to, as DescribeAutoScalingInstances returns it.</summary>
    internal class AutoScalingInstanceDetails
    {
        public string InstanceId { get; set; }
        public string InstanceType { get; set; }
        public string AutoScalingGroupName { get; set; }
        public string AvailabilityZone { get; set; }
        public string LifecycleState { get; set; }
        /// <summary>HEALTHY or UNHEALTHY on AWS (upper case here, unlike Instance.HealthStatus); compare without case.</summary>
        public string HealthStatus { get; set; }
        public LaunchTemplateSpecification LaunchTemplate { get; set; }
        public bool? ProtectedFromScaleIn { get; set; }
    }
}
