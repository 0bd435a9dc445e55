namespace HaNat.Inventory
{
    internal sealed class FoundGroup : FoundResource
    {
        public FoundGroup(string name, IEnumerable<string> instanceIds, string? launchTemplateId, string? launchTemplateName,
            IReadOnlyDictionary<string, string>? tags, IEnumerable<string>? subnetIds = null, bool isSpot = false) : base(name, tags, name)
        {
            IsSpot = isSpot;
            SubnetIds = (subnetIds ?? Array.Empty<string>()).ToArray();
            InstanceIds = instanceIds.ToArray();
            LaunchTemplateId = launchTemplateId;
            LaunchTemplateName = launchTemplateName;
        }

        public IReadOnlyList<string> InstanceIds { get; }
        public string? LaunchTemplateId { get; }
        public string? LaunchTemplateName { get; }

        /// <summary>Whether its mixed instances policy puts NATs on spot.</summary>
        public bool IsSpot { get; }

        /// <summary>The subnets it launches in (its VPCZoneIdentifier): in a VPC HaNat did not build, each zone's public subnet.</summary>
        public IReadOnlyList<string> SubnetIds { get; }
    }
}
