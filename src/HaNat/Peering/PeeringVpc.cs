using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>One VPC as peering sees it: where it is, its IPv4 blocks, and whether it is HaNat's.</summary>
    internal sealed class PeeringVpc(string id, string region, IEnumerable<string> cidrBlocks,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        public string Id { get; } = id;
        public string Region { get; } = region;
        /// <summary>Every associated IPv4 block, the primary one first.</summary>
        public IReadOnlyList<string> CidrBlocks { get; } = cidrBlocks.Distinct(StringComparer.Ordinal).ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags ?? new Dictionary<string, string>();

        public bool IsHaNat => HaNatTags.IsManaged(Tags);

        /// <summary>The name a person knows the VPC by: HaNat's own name tag, else its Name tag, else its id.</summary>
        public string Name =>
            Tags.TryGetValue(HaNatTags.VpcName, out var hanatName) && hanatName.Length > 0 ? hanatName
            : Tags.TryGetValue("Name", out var name) && name.Length > 0 ? name
            : Id;

        public override string ToString() => Name == Id ? Id : $"{Id} ({Name})";
    }
}
