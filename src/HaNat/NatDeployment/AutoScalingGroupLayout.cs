using System.Collections.Generic;
using System.Linq;
using HaNat.Layout;
using HaNat.Network;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// The one Auto Scaling group that keeps a NAT in every zone: min = max = desired = the number of zones across the
    /// public subnets, so EC2's zone balancing puts one NAT in each.
    /// </summary>
    internal sealed class AutoScalingGroupLayout : ResourceLayout
    {
        public AutoScalingGroupLayout(string vpcName, IReadOnlyList<SubnetLayout> publicSubnets, int gracePeriodSeconds)
            : base(LayoutComponents.AutoScalingGroup, vpcName)
        {
            GroupName = LayoutNames.AutoScalingGroupName(vpcName);
            Subnets = publicSubnets;
            HealthCheckGracePeriodSeconds = gracePeriodSeconds;
        }

        public string GroupName { get; }
        public int MinSize => Subnets.Count;
        public int MaxSize => Subnets.Count;
        public int DesiredCapacity => Subnets.Count;

        /// <summary>
        /// EC2 status checks; a NAT that passes them but stops forwarding is marked unhealthy by its peers' monitors
        /// (SetInstanceHealth), which this group then replaces.
        /// </summary>
        public string HealthCheckType => "EC2";

        public int HealthCheckGracePeriodSeconds { get; }

        /// <summary>VPCZoneIdentifier: the public subnets, in zone order.</summary>
        public IReadOnlyList<SubnetLayout> Subnets { get; }

        /// <summary>
        /// The group's tags: HaNat's ownership tags propagate to the instances it launches, which is what lets the
        /// NatInstance policy's tag conditions match them. Name and hanat:component describe the group only; the
        /// launch template names the instances.
        /// </summary>
        public IReadOnlyList<LayoutTag> GroupTags(string? vpcId = null)
        {
            var tags = vpcId == null ? Tags : TagsWithVpcId(vpcId);
            return tags.Select(t => new LayoutTag(t.Key, t.Value, Propagates(t.Key))).ToList();
        }

        public static bool Propagates(string key) =>
            key == HaNatTags.Managed || key == HaNatTags.VpcName || key == HaNatTags.VpcId;
    }
}
