namespace HaNat.Aws.Ec2
{
    /// <summary>A subnet as EC2 reports it.</summary>
    internal sealed class Ec2Subnet(string id, string? vpcId, string availabilityZone, string cidrBlock,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        /// <summary>Null when the endpoint leaves it out of the answer.</summary>
        public string? VpcId { get; } = vpcId;
        public string AvailabilityZone { get; } = availabilityZone;
        public string CidrBlock { get; } = cidrBlock;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
