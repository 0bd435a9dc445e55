namespace HaNat.Aws.Ec2
{
    /// <summary>A network interface as EC2 reports it: what it is for, and the instance it is attached to, if any.</summary>
    internal sealed class Ec2NetworkInterface
    {
        public Ec2NetworkInterface(string id, string? instanceId, string interfaceType, string? description, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            InstanceId = instanceId;
            InterfaceType = interfaceType;
            Description = description;
            Tags = tags;
        }

        public string Id { get; }
        public string? InstanceId { get; }
        public string InterfaceType { get; }
        public string? Description { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
