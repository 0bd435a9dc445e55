namespace HaNat.Aws.Ec2
{
    /// <summary>A security group as EC2 reports it.</summary>
    internal sealed class Ec2SecurityGroup
    {
        public Ec2SecurityGroup(string id, string name, string vpcId, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            Name = name;
            VpcId = vpcId;
            Tags = tags;
        }

        public string Id { get; }
        public string Name { get; }
        public string VpcId { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
