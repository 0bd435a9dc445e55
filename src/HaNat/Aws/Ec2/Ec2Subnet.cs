namespace HaNat.Aws.Ec2
{
    /// <summary>A subnet as EC2 reports it.</summary>
    internal sealed class Ec2Subnet
    {
        public Ec2Subnet(string id, string? vpcId, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            CidrBlock = cidrBlock;
            Tags = tags;
        }

        public string Id { get; }
        /// <summary>Null when the endpoint leaves it out of the answer.</summary>
        public string? VpcId { get; }
        public string AvailabilityZone { get; }
        public string CidrBlock { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
