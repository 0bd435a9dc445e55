namespace HaNat.Build
{
    /// <summary>What already carries a name: HaNat VPCs tagged with it, and the named resources a build would create.</summary>
    internal sealed class NameUse(string name, string region, IEnumerable<string> vpcIds, IEnumerable<string> taken,
        string? existingName = null)
    {
        public string Name { get; } = name;
        public string Region { get; } = region;
        public IReadOnlyList<string> VpcIds { get; } = vpcIds.ToArray();

        /// <summary>The name the existing HaNat VPC carries, which may differ from <see cref="Name"/> in case.</summary>
        public string? ExistingName { get; } = existingName;

        /// <summary>"IAM role x", "Auto Scaling group y", ...</summary>
        public IReadOnlyList<string> Taken { get; } = taken.ToArray();
    }
}
