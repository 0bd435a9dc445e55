namespace HaNat.Aws.Ec2
{
    /// <summary>A network interface as EC2 reports it: what it is for, and the instance it is attached to, if any.</summary>
    internal sealed class Ec2NetworkInterface(string id, string? instanceId, string interfaceType, string? description,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public string? InstanceId { get; } = instanceId;
        public string InterfaceType { get; } = interfaceType;
        public string? Description { get; } = description;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
