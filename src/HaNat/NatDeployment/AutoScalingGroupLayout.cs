using HaNat.Layout;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// The one Auto Scaling group that keeps a NAT in every zone: min = max = desired = the number of zones across the
    /// subnets the NATs launch in (one per zone), so EC2's zone balancing puts one NAT in each.
    /// </summary>
    internal sealed class AutoScalingGroupLayout : ResourceLayout
    {
        public AutoScalingGroupLayout(string vpcName, int zoneCount, int gracePeriodSeconds, SpotLayout? spot = null)
            : base(LayoutComponents.AutoScalingGroup, vpcName)
        {
            Spot = spot;
            GroupName = LayoutNames.AutoScalingGroupName(vpcName);
            ZoneCount = zoneCount;
            HealthCheckGracePeriodSeconds = gracePeriodSeconds;
        }

        public string GroupName { get; }

        /// <summary>
        /// How many zones, each with one subnet in the group's VPCZoneIdentifier (the build's target says which).
        /// </summary>
        public int ZoneCount { get; }

        public int MinSize => ZoneCount;
        public int MaxSize => ZoneCount;
        public int DesiredCapacity => ZoneCount;

        /// <summary>
        /// EC2 status checks; a NAT that passes them but stops forwarding is marked unhealthy by its peers' monitors
        /// (SetInstanceHealth), which this group then replaces.
        /// </summary>
        public string HealthCheckType => "EC2";

        public int HealthCheckGracePeriodSeconds { get; }

        /// <summary>Null: every NAT on-demand, launched from the launch template alone. Else the group's mixed instances policy.</summary>
        public SpotLayout? Spot { get; }

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
