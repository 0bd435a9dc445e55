using HaNat.Tagging;

namespace HaNat.Layout
{
    /// <summary>One resource of the layout: what it is, its Name tag, its zone (if it has one) and its tags.</summary>
    internal class ResourceLayout
    {
        public ResourceLayout(LayoutComponent component, string vpcName, string? zone = null)
        {
            Component = component;
            Zone = zone;
            Name = LayoutNames.NameOf(vpcName, component, zone);
            Tags = LayoutNames.TagsOf(vpcName, component, zone);
        }

        public LayoutComponent Component { get; }

        /// <summary>The Name tag.</summary>
        public string Name { get; }

        public string? Zone { get; }

        /// <summary>The tags known before anything exists; <see cref="TagsWithVpcId"/> adds the VPC's id.</summary>
        public IReadOnlyList<LayoutTag> Tags { get; }

        /// <summary>
        /// <see cref="Tags"/> plus hanat:vpc-id, which the takeover uses to find its zone's Elastic IP. Only the builder
        /// knows the id, once the VPC exists; every resource made after the VPC carries it.
        /// </summary>
        public IReadOnlyList<LayoutTag> TagsWithVpcId(string vpcId) =>
            Tags.Concat(new[] { new LayoutTag(HaNatTags.VpcId, vpcId) }).ToList();

        public override string ToString() => Component + " " + Name;
    }
}
