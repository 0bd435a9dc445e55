namespace HaNat.Takeover
{
    /// <summary>
    /// Everything a takeover will write, in the order it must be written: source/dest check off first (a route to a
    /// NAT that still checks would black-hole traffic), then the zone's Elastic IP, then the routes.
    /// </summary>
    internal sealed class TakeoverPlan
    {
        public TakeoverPlan(string instanceId, string vpcId, string availabilityZone, bool disableSourceDestCheck,
            AddressAssociation? address, IEnumerable<RouteTableWrite> writes, IEnumerable<PlannedSubnet> subnets,
            string? heldBecause = null)
        {
            HeldBecause = heldBecause;
            InstanceId = instanceId;
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            DisableSourceDestCheck = disableSourceDestCheck;
            Address = address;
            Writes = writes.ToArray();
            Subnets = subnets.ToArray();
        }

        public string InstanceId { get; }
        public string VpcId { get; }
        public string AvailabilityZone { get; }
        public bool DisableSourceDestCheck { get; }
        public AddressAssociation? Address { get; }
        public IReadOnlyList<RouteTableWrite> Writes { get; }
        public IReadOnlyList<PlannedSubnet> Subnets { get; }

        /// <summary>Why tables on a working NAT gateway stay there (<see cref="HaNat.Model.TakeoverAction.HeldOnNatGateway"/>); null when none is held.</summary>
        public string? HeldBecause { get; }

        public bool HasWrites => DisableSourceDestCheck || Address != null || Writes.Count > 0;
    }
}
