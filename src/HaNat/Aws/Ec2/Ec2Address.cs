namespace HaNat.Aws.Ec2
{
    /// <summary>An Elastic IP as EC2 reports it; the instance and association are null when it is free.</summary>
    internal sealed class Ec2Address
    {
        public Ec2Address(string allocationId, string publicIp, string? instanceId, string? associationId, IReadOnlyDictionary<string, string> tags)
        {
            AllocationId = allocationId;
            PublicIp = publicIp;
            InstanceId = instanceId;
            AssociationId = associationId;
            Tags = tags;
        }

        public string AllocationId { get; }
        public string PublicIp { get; }
        public string? InstanceId { get; }
        public string? AssociationId { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
