namespace HaNat.Model
{
    /// <summary>The verdict on one private subnet's way out.</summary>
    public enum RouteStatus
    {
        /// <summary>0.0.0.0/0 goes to a running instance in the subnet's zone with source/dest check off.</summary>
        Healthy,
        /// <summary>Healthy, but the NAT is in another zone (a failover is in effect, or the layout is uneven).</summary>
        CrossZone,
        /// <summary>The subnet's route table has no 0.0.0.0/0 route.</summary>
        NoRoute,
        /// <summary>0.0.0.0/0 points at an instance that is stopped, terminated or gone.</summary>
        NatNotRunning,
        /// <summary>EC2 reports the route as a blackhole.</summary>
        Blackhole,
        /// <summary>The NAT still has source/dest check on, so it drops what it should forward.</summary>
        SourceDestCheckOn,
        /// <summary>
        /// 0.0.0.0/0 points at something that is not a HaNat NAT: a NAT gateway, VPN, peering..., or an instance that
        /// is not tagged hanat:managed=true.
        /// </summary>
        ForeignTarget,
    }
}
