// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>An instance as a group lists it. LifecycleState and HealthStatus are strings here (the SDK's constant classes convert to and from strings).</summary>
    internal class Instance
    {
        public string InstanceId { get; set; }
        public string InstanceType { get; set; }
        public string AvailabilityZone { get; set; }
        public string LifecycleState { get; set; }
        /// <summary>Healthy or Unhealthy.</summary>
        public string HealthStatus { get; set; }
        public LaunchTemplateSpecification LaunchTemplate { get; set; }
        public bool? ProtectedFromScaleIn { get; set; }
    }
}
