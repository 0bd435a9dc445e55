// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
// Read-only here: a record of what the reply said.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A lifecycle hook as DescribeLifecycleHooks returns it (the fields HaNat reads).</summary>
    /// <param name="LifecycleTransition">autoscaling:EC2_INSTANCE_LAUNCHING or autoscaling:EC2_INSTANCE_TERMINATING.</param>
    /// <param name="DefaultResult">CONTINUE or ABANDON: what the group does when the hook times out.</param>
    internal sealed record LifecycleHook(
        string LifecycleHookName, string AutoScalingGroupName, string LifecycleTransition, int? HeartbeatTimeout,
        int? GlobalTimeout, string DefaultResult);
}
