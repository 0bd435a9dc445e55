namespace HaNat.Aws.Ec2
{
    /// <summary>An instance as EC2 reports it, reduced to the fields HaNat reads.</summary>
    internal sealed class Ec2Instance(string id, string state, string? availabilityZone, string? vpcId,
        string? privateIpAddress, bool? sourceDestCheck, IEnumerable<string> networkInterfaceIds,
        IReadOnlyDictionary<string, string> tags, string? instanceLifecycle = null)
    {
        public string Id { get; } = id;
        /// <summary>EC2's state name, or "unknown" when the answer has none.</summary>
        public string State { get; } = state;
        public string? AvailabilityZone { get; } = availabilityZone;
        public string? VpcId { get; } = vpcId;
        public string? PrivateIpAddress { get; } = privateIpAddress;
        public bool? SourceDestCheck { get; } = sourceDestCheck;
        public IReadOnlyList<string> NetworkInterfaceIds { get; } = networkInterfaceIds.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
        /// <summary>"spot" for a spot instance, "scheduled" or "capacity-block" for those; null for on-demand.</summary>
        public string? InstanceLifecycle { get; } = instanceLifecycle;
        public bool IsSpot => InstanceLifecycle == "spot";
    }
}
