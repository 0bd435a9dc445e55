// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
// Read-only here: a record of what the reply said.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>An instance as a group lists it. LifecycleState and HealthStatus are strings here (the SDK's constant classes convert to and from strings).</summary>
    /// <param name="HealthStatus">Healthy or Unhealthy.</param>
    internal sealed record Instance(
        string InstanceId, string InstanceType, string AvailabilityZone, string LifecycleState, string HealthStatus,
        LaunchTemplateSpecification LaunchTemplate, bool? ProtectedFromScaleIn);
}
