using HaNat.Layout;
using HaNat.Tagging;

namespace HaNat.Inventory
{
    /// <summary>Whether a resource is HaNat's, and of which VPC, by its tags alone.</summary>
    internal static class Ownership
    {
        /// <summary>
        /// hanat:managed=true and hanat:vpc-name=<paramref name="name"/>; and when it names a VPC id
        /// (hanat:vpc-id) and <paramref name="vpcId"/> is known, that one. A resource of another HaNat VPC, or one
        /// someone else tagged by hand with the managed key only, is not this VPC's.
        /// </summary>
        public static bool IsOf(FoundResource resource, string name, string? vpcId)
        {
            if (resource.Tag(HaNatTags.Managed) != HaNatTags.ManagedValue) return false;
            if (resource.Tag(HaNatTags.VpcName) != name) return false;
            var taggedVpc = resource.Tag(HaNatTags.VpcId);
            return vpcId == null || taggedVpc == null || string.Equals(taggedVpc, vpcId, StringComparison.Ordinal);
        }

        /// <summary>
        /// For what lives inside this VPC (subnets, route tables, security groups): hanat:managed=true and, when it
        /// names a VPC, this one. The takeover tags a route table it makes with hanat:managed but no VPC name, and a
        /// resource in a HaNat VPC tagged by HaNat is that VPC's.
        /// </summary>
        public static bool IsInVpcOf(FoundResource resource, string name, string vpcId)
        {
            if (resource.Tag(HaNatTags.Managed) != HaNatTags.ManagedValue) return false;
            var taggedName = resource.Tag(HaNatTags.VpcName);
            var taggedVpc = resource.Tag(HaNatTags.VpcId);
            return (taggedName == null || taggedName == name) && (taggedVpc == null || taggedVpc == vpcId);
        }

        public static bool IsComponent(FoundResource resource, LayoutComponent component) =>
            resource.Tag(HaNatTags.Component) == component.TagValue;
    }
}
