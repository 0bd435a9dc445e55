namespace HaNat.Aws.Ec2
{
    /// <summary>An instance as EC2 reports it, reduced to the fields HaNat reads.</summary>
    internal sealed class Ec2Instance
    {
        public Ec2Instance(string id, string state, string? availabilityZone, string? vpcId, string? privateIpAddress, bool? sourceDestCheck,
            IEnumerable<string> networkInterfaceIds, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            State = state;
            AvailabilityZone = availabilityZone;
            VpcId = vpcId;
            PrivateIpAddress = privateIpAddress;
            SourceDestCheck = sourceDestCheck;
            NetworkInterfaceIds = networkInterfaceIds.ToArray();
            Tags = tags;
        }

        public string Id { get; }
        /// <summary>EC2's state name, or "unknown" when the answer has none.</summary>
        public string State { get; }
        public string? AvailabilityZone { get; }
        public string? VpcId { get; }
        public string? PrivateIpAddress { get; }
        public bool? SourceDestCheck { get; }
        public IReadOnlyList<string> NetworkInterfaceIds { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
