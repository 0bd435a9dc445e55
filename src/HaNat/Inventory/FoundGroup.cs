namespace HaNat.Inventory
{
    internal sealed class FoundGroup : FoundResource
    {
        public FoundGroup(string name, IEnumerable<string> instanceIds, string? launchTemplateId, string? launchTemplateName,
            IReadOnlyDictionary<string, string>? tags, IEnumerable<string>? subnetIds = null, bool isSpot = false,
            IEnumerable<FoundGroupInstance>? instances = null) : base(name, tags, name)
        {
            Instances = (instances ?? Array.Empty<FoundGroupInstance>()).ToArray();
            IsSpot = isSpot;
            SubnetIds = (subnetIds ?? Array.Empty<string>()).ToArray();
            InstanceIds = instanceIds.ToArray();
            LaunchTemplateId = launchTemplateId;
            LaunchTemplateName = launchTemplateName;
        }

        public IReadOnlyList<string> InstanceIds { get; }

        /// <summary>Its instances with their zone, lifecycle and health, as the group lists them (Get-HaNatVpc -Status).</summary>
        public IReadOnlyList<FoundGroupInstance> Instances { get; }
        public string? LaunchTemplateId { get; }
        public string? LaunchTemplateName { get; }

        /// <summary>Whether its mixed instances policy puts NATs on spot.</summary>
        public bool IsSpot { get; }

        /// <summary>The subnets it launches in (its VPCZoneIdentifier): in a VPC HaNat did not build, each zone's public subnet.</summary>
        public IReadOnlyList<string> SubnetIds { get; }
    }
}
