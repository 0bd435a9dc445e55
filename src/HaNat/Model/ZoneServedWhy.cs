namespace HaNat.Model
{
    /// <summary>Why a zone's private subnets leave the VPC the way they do now (Get-HaNatVpc -Status).</summary>
    public enum ZoneServedWhy
    {
        /// <summary>The zone's own NAT serves it: the normal state.</summary>
        Own,

        /// <summary>Another zone's NAT took the zone because the zone's NAT failed (its monitor's failover).</summary>
        Failover,

        /// <summary>Another zone's NAT took the zone because its own NAT handed it over on leaving (a scale-in, a rolling update).</summary>
        Handover,

        /// <summary>A NAT gateway carries the zone (an added VPC's fallback, or before HaNat took it).</summary>
        NatGateway,

        /// <summary>Something that is neither a HaNat NAT nor a NAT gateway: a gateway, a peering, an instance HaNat did not launch.</summary>
        OtherTarget,

        /// <summary>The default route's target is gone: the zone has no way out.</summary>
        Blackhole,

        /// <summary>The zone's tables have no 0.0.0.0/0 route: no way out.</summary>
        NoRoute,
    }
}
