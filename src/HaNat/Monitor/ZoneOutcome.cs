namespace HaNat.Monitor
{
    internal enum ZoneOutcome
    {
        /// <summary>This NAT takes the zone over now.</summary>
        TakeOver,
        /// <summary>Another healthy NAT (lower id) is the one to take it over.</summary>
        Standby,
        /// <summary>The zone's routes already point here.</summary>
        AlreadyOwned,
        /// <summary>The zone's routes already point at another live, healthy NAT.</summary>
        ServedByPeer,
        /// <summary>This NAT took the zone over too recently, or too many zones lately.</summary>
        RateLimited,
        /// <summary>This NAT's takeover of the zone is still running.</summary>
        InProgress,
        /// <summary>This NAT is unhealthy itself and claims nothing.</summary>
        SelfUnhealthy,
        /// <summary>
        /// The zone's routes went back to its own NAT gateway (a VPC HaNat did not build): the gateway carries the zone
        /// until the zone's replacement NAT takes it back, and this NAT neither serves it nor takes it again.
        /// </summary>
        OnNatGateway,
    }
}
