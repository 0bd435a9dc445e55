namespace HaNat.Build
{
    /// <summary>What already carries a name: HaNat VPCs tagged with it, and the named resources a build would create.</summary>
    internal sealed class NameUse
    {
        public NameUse(string name, string region, IEnumerable<string> vpcIds, IEnumerable<string> taken, string? existingName = null)
        {
            ExistingName = existingName;
            Name = name;
            Region = region;
            VpcIds = vpcIds.ToArray();
            Taken = taken.ToArray();
        }

        public string Name { get; }
        public string Region { get; }
        public IReadOnlyList<string> VpcIds { get; }

        /// <summary>The name the existing HaNat VPC carries, which may differ from <see cref="Name"/> in case.</summary>
        public string? ExistingName { get; }

        /// <summary>"IAM role x", "Auto Scaling group y", ...</summary>
        public IReadOnlyList<string> Taken { get; }
    }
}
