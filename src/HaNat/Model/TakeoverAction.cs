namespace HaNat.Model
{
    /// <summary>What a takeover did to one private subnet's default route.</summary>
    public enum TakeoverAction
    {
        /// <summary>The route table had no 0.0.0.0/0 route; one was created to this NAT.</summary>
        Created,
        /// <summary>0.0.0.0/0 pointed at another, dead or missing instance, or was a blackhole; it now points here.</summary>
        Replaced,
        /// <summary>The subnet used the main route table; it now has a HaNat route table of its own.</summary>
        NewRouteTable,
        /// <summary>0.0.0.0/0 already pointed at this NAT: nothing was written.</summary>
        Unchanged,
        /// <summary>0.0.0.0/0 pointed at something that is not an instance (NAT gateway, VPN, peering...): left alone.</summary>
        LeftForeign,
        /// <summary>A foreign 0.0.0.0/0 route was replaced because -Force was given.</summary>
        ReplacedForeign,
        /// <summary>
        /// A peer NAT took the zone, and 0.0.0.0/0 goes (or already went) to the zone's own NAT gateway, recorded in the
        /// table's hanat:restore-default and available: same zone, no cross-zone traffic.
        /// </summary>
        NatGatewayFallback,
        /// <summary>
        /// 0.0.0.0/0 goes to the zone's working NAT gateway and stays there: this NAT's own host set-up or data-plane
        /// check did not pass, and it takes a table from a NAT gateway only once it can carry the traffic.
        /// </summary>
        HeldOnNatGateway,
        /// <summary>
        /// 0.0.0.0/0 goes to another NAT instance of the VPC that is running, and stays there: this NAT's own host set-up
        /// or data-plane check did not pass, and it takes a table from a NAT that carries the zone only once it can
        /// carry the traffic itself (a rolling replacement's make-before-break, Update-HaNatVpc).
        /// </summary>
        HeldOnNat,
        /// <summary>The table is served by another zone's NAT (its hanat:zone tag names that zone): not written.</summary>
        ServedByOtherZone,
        /// <summary>
        /// The subnet is on the main table of a VPC HaNat did not build, which the NATs never write; Add-HaNatVpc gives a
        /// served subnet a table of its own.
        /// </summary>
        LeftOnMainTable,
    }
}
