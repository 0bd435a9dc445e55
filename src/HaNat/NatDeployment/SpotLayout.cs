namespace HaNat.NatDeployment
{
    /// <summary>
    /// How a group runs its NATs on spot capacity: a mixed instances policy over the launch template, and what it asks
    /// of EC2 Auto Scaling. What "on-demand fallback" can mean in one group: Auto Scaling does not launch on-demand
    /// when spot capacity is missing (it keeps asking for spot); so one NAT of a multi-zone group is on-demand
    /// (<see cref="OnDemandBaseCapacity"/> = 1), and a zone whose spot NAT is reclaimed and cannot be replaced is
    /// served by a peer, as in any failover, until spot capacity returns.
    /// </summary>
    internal sealed class SpotLayout
    {
        public SpotLayout(IReadOnlyList<string> instanceTypes, int zoneCount)
        {
            InstanceTypes = instanceTypes;
            // One zone has no peer to fail over to: an on-demand base would make its only NAT on-demand, and -Spot moot.
            OnDemandBaseCapacity = zoneCount > 1 ? 1 : 0;
        }

        /// <summary>The launch template overrides in priority order (<see cref="SpotInstanceTypes.Overrides"/>): the chosen type first.</summary>
        public IReadOnlyList<string> InstanceTypes { get; }

        /// <summary>NATs that are always on-demand, launched first: one in a group of two or more zones, else none.</summary>
        public int OnDemandBaseCapacity { get; }

        /// <summary>Every NAT beyond the base is spot.</summary>
        public int OnDemandPercentageAboveBaseCapacity => 0;

        /// <summary>
        /// AWS's recommended strategy: the pools least likely to be interrupted soon, and of those the cheapest
        /// (lowest-price alone draws on the pools most often reclaimed).
        /// </summary>
        public string SpotAllocationStrategy => "price-capacity-optimized";

        /// <summary>The on-demand NAT launches the first type of <see cref="InstanceTypes"/> that has capacity.</summary>
        public string OnDemandAllocationStrategy => "prioritized";

        /// <summary>
        /// On a rebalance recommendation Auto Scaling launches the replacement spot NAT first and terminates the
        /// at-risk one only once the new one is in service, which then hands its zone over before it goes.
        /// </summary>
        public bool CapacityRebalance => true;

        /// <summary>For -WhatIf and the step's target: "spot (t4g.nano, t4g.micro; 1 on-demand)".</summary>
        public override string ToString() =>
            $"spot: {string.Join(", ", InstanceTypes)}; {OnDemandBaseCapacity} on-demand, {SpotAllocationStrategy}, capacity rebalance";
    }
}
