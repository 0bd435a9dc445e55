namespace HaNat.Metrics
{
    /// <summary>
    /// The names HaNat's NATs publish to CloudWatch and its alarms watch: one place, so that the publisher, the
    /// alarms, the CloudFormation export, the status view and the README cannot drift apart. The NAT Gateway's
    /// metrics keep its names and meanings (AWS/NATGateway); HaNat's own are added beside them.
    /// </summary>
    internal static class HaNatMetrics
    {
        /// <summary>The namespace every NAT publishes in; the NAT role may publish in no other (cloudwatch:namespace).</summary>
        public const string Namespace = "HaNat";

        /// <summary>Dimension: the HaNat VPC's name (hanat:vpc-name).</summary>
        public const string VpcNameDimension = "VpcName";

        /// <summary>
        /// Dimension: the zone the datum is about. For a NAT's own metrics, the NAT's zone (one NAT per zone, so
        /// the pair VpcName + AvailabilityZone names a NAT and survives its replacement, which alarms need);
        /// for <see cref="ZoneServedByPeer"/>, the zone served.
        /// </summary>
        public const string AvailabilityZoneDimension = "AvailabilityZone";

        /// <summary>
        /// 1 while the zone (AvailabilityZone = the zone served) is served by another zone's NAT, 0 while by its own;
        /// published by the NAT whose route the zone's tables carry. Its alarm: a failover that lasted.
        /// </summary>
        public const string ZoneServedByPeer = "ZoneServedByPeer";

        /// <summary>Seconds since the publishing NAT took the zone (AvailabilityZone = the zone served): its boot takeover, a failover or a handover.</summary>
        public const string ZoneServedSeconds = "ZoneServedSeconds";

        /// <summary>1 while the publishing NAT serves the zone (AvailabilityZone = the zone served) because its NAT handed it over on leaving, else 0.</summary>
        public const string ZoneTakenByHandover = "ZoneTakenByHandover";

        /// <summary>Zones whose tables point at this NAT (its own included).</summary>
        public const string ZonesServed = "ZonesServed";

        /// <summary>Peer NATs whose heartbeat this NAT heard within the last two intervals.</summary>
        public const string PeersHeard = "PeersHeard";

        /// <summary>Takeovers of a failed NAT's zone this NAT made (Sum over the period).</summary>
        public const string Failovers = "Failovers";

        /// <summary>Zones this NAT took because their NAT handed them over on leaving (Sum over the period).</summary>
        public const string Handovers = "Handovers";

        /// <summary>Seconds since this NAT's last takeover of any zone, its boot takeover included.</summary>
        public const string SecondsSinceLastTakeover = "SecondsSinceLastTakeover";

        /// <summary>1 while the NAT's own self-check (data plane, forwarding, masquerade) passes, 0 while it fails.</summary>
        public const string Healthy = "Healthy";

        /// <summary>Connection-tracking entries as a percentage of nf_conntrack_max: at 100 new connections are dropped.</summary>
        public const string ConntrackUsedPercent = "ConntrackUsedPercent";

        /// <summary>The NAT Gateway's: connections that could not get a source port (a Linux NAT: conntrack insert failures).</summary>
        public const string ErrorPortAllocation = "ErrorPortAllocation";

        /// <summary>
        /// The NAT Gateway's name, a Linux NAT's nearest meaning: entries in the connection-tracking table
        /// (nf_conntrack_count), sampled through the minute. More than the NAT Gateway counts: every protocol (UDP,
        /// ICMP too) and every state (a TCP connection closing or in TIME_WAIT too), not only open TCP connections.
        /// </summary>
        public const string ActiveConnectionCount = "ActiveConnectionCount";

        /// <summary>
        /// The NAT Gateway's: packets the NAT dropped (Sum over the period). A Linux NAT: conntrack's drops and early drops
        /// (table full) plus the packets its network interfaces dropped (rx_dropped + tx_dropped).
        /// </summary>
        public const string PacketsDropCount = "PacketsDropCount";

        /// <summary>
        /// Bytes received by the NAT's network interfaces, loopback aside (Sum over the period). Not the NAT Gateway's
        /// BytesInFromSource/BytesInFromDestination: with one interface, traffic from the private hosts and from the
        /// internet arrive on the same counter, so a forwarded byte is counted once here and once in InterfaceBytesOut.
        /// </summary>
        public const string InterfaceBytesIn = "InterfaceBytesIn";

        /// <summary>Bytes sent by the NAT's network interfaces, loopback aside (Sum over the period); see <see cref="InterfaceBytesIn"/>.</summary>
        public const string InterfaceBytesOut = "InterfaceBytesOut";
    }
}
