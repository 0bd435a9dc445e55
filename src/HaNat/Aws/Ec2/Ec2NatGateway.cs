namespace HaNat.Aws.Ec2
{
    /// <summary>A NAT gateway as EC2 reports it: where it lives, its state, and the Elastic IPs it sends from.</summary>
    internal sealed class Ec2NatGateway(string id, string? vpcId, string? subnetId, string state,
        IEnumerable<string> allocationIds, IEnumerable<string> publicIps, IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public string? VpcId { get; } = vpcId;
        public string? SubnetId { get; } = subnetId;
        /// <summary>pending, available, deleting, deleted or failed.</summary>
        public string State { get; } = state;
        /// <summary>A public gateway's Elastic IPs (none for a private one).</summary>
        public IReadOnlyList<string> AllocationIds { get; } = allocationIds.ToArray();
        public IReadOnlyList<string> PublicIps { get; } = publicIps.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;

        /// <summary>Can carry traffic now: the only state in which a route to it is not a blackhole.</summary>
        public bool IsAvailable => State == "available";
    }
}
