namespace HaNat.Inventory
{
    internal sealed class FoundGroup : FoundResource
    {
        public FoundGroup(string name, IEnumerable<string> instanceIds, string? launchTemplateId, string? launchTemplateName,
            IReadOnlyDictionary<string, string>? tags) : base(name, tags, name)
        {
            InstanceIds = instanceIds.ToArray();
            LaunchTemplateId = launchTemplateId;
            LaunchTemplateName = launchTemplateName;
        }

        public IReadOnlyList<string> InstanceIds { get; }
        public string? LaunchTemplateId { get; }
        public string? LaunchTemplateName { get; }
    }
}
