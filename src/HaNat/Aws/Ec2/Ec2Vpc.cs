namespace HaNat.Aws.Ec2
{
    /// <summary>A VPC as EC2 reports it: its primary block, every block still associated, and its tags.</summary>
    internal sealed class Ec2Vpc(string id, string? cidrBlock, IEnumerable<string?> associatedCidrBlocks,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        /// <summary>The primary IPv4 block (EC2's CidrBlock).</summary>
        public string? CidrBlock { get; } = cidrBlock;
        /// <summary>The IPv4 blocks whose association is associated (or has no state), in EC2's order, as EC2 gave them.</summary>
        public IReadOnlyList<string?> AssociatedCidrBlocks { get; } = associatedCidrBlocks.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
