namespace HaNat.Aws.Ec2
{
    /// <summary>An Elastic IP as EC2 reports it; the instance and association are null when it is free.</summary>
    internal sealed class Ec2Address(string allocationId, string publicIp, string? instanceId, string? associationId,
        IReadOnlyDictionary<string, string> tags)
    {
        public string AllocationId { get; } = allocationId;
        public string PublicIp { get; } = publicIp;
        public string? InstanceId { get; } = instanceId;
        public string? AssociationId { get; } = associationId;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
