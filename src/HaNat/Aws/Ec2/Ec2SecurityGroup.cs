namespace HaNat.Aws.Ec2
{
    /// <summary>A security group as EC2 reports it.</summary>
    internal sealed class Ec2SecurityGroup(string id, string name, string vpcId,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public string VpcId { get; } = vpcId;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
