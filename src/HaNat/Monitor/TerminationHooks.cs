using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;

namespace HaNat.Monitor
{
    /// <summary>
    /// Completes the termination lifecycle hooks that hold this instance, once its handover is done, so that the Auto
    /// Scaling group terminates it now rather than when the hook times out. The instance is named by its id (no
    /// lifecycle action token, which only the hook's notification carries).
    /// </summary>
    internal static class TerminationHooks
    {
        public const string TerminatingTransition = "autoscaling:EC2_INSTANCE_TERMINATING";

        /// <returns>The group (null: the instance is in none) and the hooks completed.</returns>
        public static async Task<(string? Group, IReadOnlyList<string> Completed)> CompleteAsync(IAutoScalingClient autoScaling, string instanceId,
            CancellationToken cancellation)
        {
            var described = await autoScaling.DescribeAutoScalingInstancesAsync(
                new DescribeAutoScalingInstancesRequest { InstanceIds = new List<string> { instanceId } }, cancellation).ConfigureAwait(false);
            var group = described.AutoScalingInstances?.FirstOrDefault(i => i.InstanceId == instanceId)?.AutoScalingGroupName;
            if (group == null) return (null, Array.Empty<string>());
            var hooks = await autoScaling.DescribeLifecycleHooksAsync(
                new DescribeLifecycleHooksRequest { AutoScalingGroupName = group }, cancellation).ConfigureAwait(false);
            var completed = new List<string>();
            foreach (var hook in (hooks.LifecycleHooks ?? new List<LifecycleHook>()).Where(h => h.LifecycleTransition == TerminatingTransition))
            {
                await autoScaling.CompleteLifecycleActionAsync(new CompleteLifecycleActionRequest
                {
                    AutoScalingGroupName = group,
                    LifecycleHookName = hook.LifecycleHookName,
                    InstanceId = instanceId,
                    LifecycleActionResult = "CONTINUE",
                }, cancellation).ConfigureAwait(false);
                completed.Add(hook.LifecycleHookName);
            }
            return (group, completed);
        }
    }
}
