using HaNat.Metrics;

namespace HaNat.Alarms
{
    /// <summary>
    /// The four alarms each zone gets, and why each threshold, window and missing-data treatment. The README's
    /// "Alarms" section says the same to users; the CloudFormation export makes the same alarms from this list.
    /// </summary>
    internal static class AlarmDefinitions
    {
        /// <summary>
        /// How many consecutive minutes a zone may be served by another zone's NAT before it is an alarm. A failover is
        /// HaNat working: the dead NAT's Auto Scaling replacement (EC2's status checks, a launch, a boot, the grace period
        /// of 180 s) takes the zone back within about 5 to 8 minutes. Ten minutes lets an ordinary failover end without
        /// a page and still tells within minutes of it that the replacement did not come, while the zone pays
        /// cross-zone traffic and has no NAT of its own to fail over to.
        /// </summary>
        public const int ServedByPeerMinutes = 10;

        /// <summary>
        /// The zone is served by another zone's NAT (ZoneServedByPeer, published for the zone by whichever NAT serves it).
        /// Missing data breaches: while any NAT serves the zone, one publishes this metric for it every minute, so ten
        /// minutes of silence means no NAT serves the zone at all (or none can reach CloudWatch), which is worse.
        /// </summary>
        public static readonly AlarmDefinition ServedByPeer = new AlarmDefinition(
            "served-by-peer", HaNatMetrics.ZoneServedByPeer, "Maximum", "GreaterThanOrEqualToThreshold", 1, ServedByPeerMinutes, "breaching",
            $"The zone has been served by another zone's NAT (or by none: no NAT reports serving it) for {ServedByPeerMinutes} minutes: its own NAT's replacement has not taken it back.");

        /// <summary>
        /// The zone's NAT reports its own self-check failing (Healthy, the NAT's zone). Two minutes: one failed check
        /// can be a blip the monitor recovers from. Missing data does not breach: a NAT that is gone publishes nothing,
        /// and is not a NAT that says it is unhealthy; its zone is taken by a peer, which the served-by-peer alarm watches.
        /// </summary>
        public static readonly AlarmDefinition Unhealthy = new AlarmDefinition(
            "unhealthy", HaNatMetrics.Healthy, "Minimum", "LessThanThreshold", 1, 2, "notBreaching",
            "The zone's NAT has reported its own self-check (data plane, forwarding, masquerade) failing for 2 minutes.");

        /// <summary>
        /// The NAT's connection-tracking table is 90 % full (ConntrackUsedPercent, Maximum) for 2 minutes: at 100 % the
        /// kernel drops new connections, so 90 leaves time to act (a larger instance type, or nf_conntrack_max).
        /// Missing data does not breach: a NAT that publishes nothing has no table filling up.
        /// </summary>
        public static readonly AlarmDefinition ConntrackFull = new AlarmDefinition(
            "conntrack-full", HaNatMetrics.ConntrackUsedPercent, "Maximum", "GreaterThanOrEqualToThreshold", 90, 2, "notBreaching",
            "The zone's NAT's connection-tracking table has been at least 90 % full for 2 minutes; at 100 % new connections are dropped.");

        /// <summary>
        /// Connections the NAT could not give a source port (ErrorPortAllocation, Sum &gt; 0) in any one minute: each is
        /// a connection a client saw fail, as on a NAT gateway. Missing data does not breach: no data, no errors.
        /// </summary>
        public static readonly AlarmDefinition PortAllocationErrors = new AlarmDefinition(
            "port-allocation-errors", HaNatMetrics.ErrorPortAllocation, "Sum", "GreaterThanThreshold", 0, 1, "notBreaching",
            "The zone's NAT could not allocate a source port for a connection (ErrorPortAllocation > 0) in the last minute: clients saw connections fail.");

        /// <summary>In the order a zone's alarms are made.</summary>
        public static readonly IReadOnlyList<AlarmDefinition> All = new[] { ServedByPeer, Unhealthy, ConntrackFull, PortAllocationErrors };
    }
}
