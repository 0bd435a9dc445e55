namespace HaNat.Aws.Ec2
{
    /// <summary>An instance as EC2 reports it, reduced to the fields HaNat reads.</summary>
    internal sealed class Ec2Instance(string id, string state, string? availabilityZone, string? vpcId,
        string? privateIpAddress, bool? sourceDestCheck, IEnumerable<string> networkInterfaceIds,
        IReadOnlyDictionary<string, string> tags, string? instanceLifecycle = null,
        DateTime? launchTime = null, string? publicIpAddress = null)
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
        /// <summary>UTC; which of a zone's NATs is the newest (Get-HaNatVpc -Status: the NAT a zone failed over from).</summary>
        public DateTime? LaunchTime { get; } = launchTime;
        /// <summary>The address its primary interface leaves from: its Elastic IP once associated, else an automatic one.</summary>
        public string? PublicIpAddress { get; } = publicIpAddress;
    }
}
