using HaNat.Tagging;

namespace HaNat.Layout
{
    /// <summary>
    /// The names and tags of a HaNat VPC's resources, as functions of the VPC's name and a zone. The planner calls them
    /// with real values; the CloudFormation template calls them with "${Name}" and "${Zone}" and lets Fn::Sub fill
    /// them in, so both name things alike.
    /// </summary>
    internal static class LayoutNames
    {
        /// <summary>Name = &lt;vpc name&gt;-&lt;role&gt;[-&lt;zone&gt;].</summary>
        public static string NameOf(string vpcName, LayoutComponent component, string? zone = null) =>
            zone == null ? vpcName + "-" + component.NameRole : vpcName + "-" + component.NameRole + "-" + zone;

        /// <summary>
        /// The NAT role's and instance profile's name. IAM names are global to the account while everything else is
        /// regional, so the region is part of the name: the same VPC name can then be used in two regions.
        /// </summary>
        public static string IamName(string vpcName, string? region) =>
            region == null ? vpcName + "-nat" : vpcName + "-nat-" + region;

        /// <summary>IAM path of every role and instance profile HaNat makes; the Operator policy is scoped to it.</summary>
        public const string IamPath = "/hanat/";

        /// <summary>The NAT role's inline policy.</summary>
        public const string NatPolicyName = "hanat-nat-instance";

        public static string SecurityGroupName(string vpcName) => NameOf(vpcName, LayoutComponents.NatSecurityGroup);

        public static string LaunchTemplateName(string vpcName) => NameOf(vpcName, LayoutComponents.LaunchTemplate);

        public static string AutoScalingGroupName(string vpcName) => NameOf(vpcName, LayoutComponents.AutoScalingGroup);

        /// <summary>
        /// The tags of one resource: HaNat's ownership (hanat:managed=true, hanat:vpc-name), its Name, its component,
        /// its zone when it has one, and network=private on private subnets.
        /// </summary>
        public static IReadOnlyList<LayoutTag> TagsOf(string vpcName, LayoutComponent component, string? zone = null, bool propagateAtLaunch = false)
        {
            var tags = new List<LayoutTag>
            {
                new LayoutTag("Name", NameOf(vpcName, component, zone), propagateAtLaunch),
                new LayoutTag(HaNatTags.Managed, HaNatTags.ManagedValue, propagateAtLaunch),
                new LayoutTag(HaNatTags.VpcName, vpcName, propagateAtLaunch),
                new LayoutTag(HaNatTags.Component, component.TagValue, propagateAtLaunch),
            };
            if (zone != null) tags.Add(new LayoutTag(HaNatTags.Zone, zone, propagateAtLaunch));
            if (component == LayoutComponents.PrivateSubnet)
            {
                var privateTag = PrivateSubnetTag.Parse(null);
                tags.Add(new LayoutTag(privateTag.Key, privateTag.Value, propagateAtLaunch));
            }
            return tags;
        }
    }
}
