namespace HaNat.Aws.Ec2
{
    /// <summary>An internet gateway as EC2 reports it, with the VPCs it is attached to.</summary>
    internal sealed class Ec2InternetGateway
    {
        public Ec2InternetGateway(string id, IEnumerable<string> attachedVpcIds, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            AttachedVpcIds = attachedVpcIds.ToArray();
            Tags = tags;
        }

        public string Id { get; }
        public IReadOnlyList<string> AttachedVpcIds { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
