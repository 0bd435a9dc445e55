using Amazon.EC2;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Build;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// Deletes the NATs' Auto Scaling group with its instances (ForceDelete) and waits, bounded, until the group is
    /// gone and its instances are terminated: until then their network interfaces hold the security group, the
    /// subnets and the zones' Elastic IPs, and deleting those would fail.
    /// </summary>
    internal sealed class GroupRemoval
    {
        public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

        /// <summary>EC2 terminates an instance in a minute or two; ten minutes means something is stuck.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

        private static readonly List<string> LiveStates = new List<string> { "pending", "running", "shutting-down", "stopping", "stopped" };

        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly IAutoScalingClient _autoScaling;
        private readonly TimeSpan _pollInterval;
        private readonly TimeSpan _timeout;

        public GroupRemoval(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling, TimeSpan? pollInterval = null, TimeSpan? timeout = null)
        {
            _session = session;
            _ec2 = ec2;
            _autoScaling = autoScaling;
            _pollInterval = pollInterval ?? DefaultPollInterval;
            _timeout = timeout ?? DefaultTimeout;
        }

        /// <summary>Deletes the group and waits; false when there was no group to delete. Instances are checked whichever.</summary>
        public async Task<bool> DeleteAndWaitAsync(string groupName)
        {
            var deleted = await AwsExistence.RemoveAsync(() => _autoScaling.DeleteAutoScalingGroupAsync(
                new DeleteAutoScalingGroupRequest { AutoScalingGroupName = groupName, ForceDelete = true }, _session.Cancellation)).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + _timeout;
            while (true)
            {
                var groupLeft = await GroupExistsAsync(groupName).ConfigureAwait(false);
                var live = await LiveInstancesAsync(groupName).ConfigureAwait(false);
                if (!groupLeft && live.Count == 0) return deleted;
                if (DateTime.UtcNow >= deadline)
                {
                    var what = live.Count > 0 ? "instances " + string.Join(", ", live) + " are still running" : "the group is still being deleted";
                    throw new HaNatException("GroupDeletionTimedOut", HaNatErrorKind.OperationStopped,
                        $"Auto Scaling group {groupName} was deleted, but after {_timeout.TotalMinutes:0} minutes {what}. " +
                        "Wait until they are terminated, then run Remove-HaNatVpc again to finish.")
                    { Target = groupName };
                }
                await Task.Delay(_pollInterval, _session.Cancellation).ConfigureAwait(false);
            }
        }

        private async Task<bool> GroupExistsAsync(string groupName)
        {
            var response = await _autoScaling.DescribeAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            return (response.AutoScalingGroups ?? new List<AutoScalingGroup>()).Any(g => g.AutoScalingGroupName == groupName);
        }

        /// <summary>Instances the group launched (Auto Scaling tags them aws:autoscaling:groupName) that are not terminated.</summary>
        private async Task<IReadOnlyList<string>> LiveInstancesAsync(string groupName)
        {
            var filters = new List<Filter> { Ec2Reads.By("tag:aws:autoscaling:groupName", groupName), Ec2Reads.By("instance-state-name", LiveStates) };
            var instances = await new Ec2Reads(_ec2, _session).InstancesAsync(filters, "tag:aws:autoscaling:groupName=" + groupName).ConfigureAwait(false);
            return instances.Select(i => i.Id).ToList();
        }
    }
}
