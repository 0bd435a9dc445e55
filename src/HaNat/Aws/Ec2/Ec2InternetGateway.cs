namespace HaNat.Aws.Ec2
{
    /// <summary>An internet gateway as EC2 reports it, with the VPCs it is attached to.</summary>
    internal sealed class Ec2InternetGateway(string id, IEnumerable<string> attachedVpcIds,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public IReadOnlyList<string> AttachedVpcIds { get; } = attachedVpcIds.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
