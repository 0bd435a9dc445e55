namespace HaNat.Takeover
{
    /// <summary>
    /// Everything a takeover will write, in the order it must be written: source/dest check off first (a route to a
    /// NAT that still checks would black-hole traffic), then the zone's Elastic IP, then the routes.
    /// </summary>
    internal sealed class TakeoverPlan(string instanceId, string vpcId, string availabilityZone,
        bool disableSourceDestCheck, AddressAssociation? address, IEnumerable<RouteTableWrite> writes,
        IEnumerable<PlannedSubnet> subnets, string? heldBecause = null)
    {
        public string InstanceId { get; } = instanceId;
        public string VpcId { get; } = vpcId;
        public string AvailabilityZone { get; } = availabilityZone;
        public bool DisableSourceDestCheck { get; } = disableSourceDestCheck;
        public AddressAssociation? Address { get; } = address;
        public IReadOnlyList<RouteTableWrite> Writes { get; } = writes.ToArray();
        public IReadOnlyList<PlannedSubnet> Subnets { get; } = subnets.ToArray();

        /// <summary>Why tables on a working NAT gateway or a running NAT stay there (<see cref="HaNat.Model.TakeoverAction.HeldOnNatGateway"/>, <see cref="HaNat.Model.TakeoverAction.HeldOnNat"/>); null when none is held.</summary>
        public string? HeldBecause { get; } = heldBecause;

        public bool HasWrites => DisableSourceDestCheck || Address != null || Writes.Count > 0;
    }
}
