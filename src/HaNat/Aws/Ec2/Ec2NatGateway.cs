namespace HaNat.Aws.Ec2
{
    /// <summary>A NAT gateway as EC2 reports it: where it lives, its state, and the Elastic IPs it sends from.</summary>
    internal sealed class Ec2NatGateway
    {
        public Ec2NatGateway(string id, string? vpcId, string? subnetId, string state, IEnumerable<string> allocationIds,
            IEnumerable<string> publicIps, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            VpcId = vpcId;
            SubnetId = subnetId;
            State = state;
            AllocationIds = allocationIds.ToArray();
            PublicIps = publicIps.ToArray();
            Tags = tags;
        }

        public string Id { get; }
        public string? VpcId { get; }
        public string? SubnetId { get; }
        /// <summary>pending, available, deleting, deleted or failed.</summary>
        public string State { get; }
        /// <summary>A public gateway's Elastic IPs (none for a private one).</summary>
        public IReadOnlyList<string> AllocationIds { get; }
        public IReadOnlyList<string> PublicIps { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>Can carry traffic now: the only state in which a route to it is not a blackhole.</summary>
        public bool IsAvailable => State == "available";
    }
}
