namespace HaNat.Model
{
    /// <summary>
    /// The live state of one zone of a HaNat VPC (Get-HaNatVpc -Status): which NAT serves it now, why, since when,
    /// the address it leaves from, and that NAT's health. Read from EC2 and Auto Scaling, and from the metrics the NATs
    /// publish to CloudWatch when there are any: without them Since and the NAT's self-check are unknown, the rest is not.
    /// </summary>
    public sealed class HaNatZoneStatus
    {
        public HaNatZoneStatus(string vpcName, string vpcId, string availabilityZone, ZoneServedWhy why, string? servedBy,
            string? servedByZone, string? from, string? fromState, DateTime? since, string? egressAddress, string health,
            bool? natHealthy, string? instanceState, string? lifecycleState, string? autoScalingHealth, bool hasMetrics,
            IEnumerable<string> routeTableIds, string detail)
        {
            VpcName = vpcName;
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            Why = why;
            ServedBy = servedBy;
            ServedByZone = servedByZone;
            From = from;
            FromState = fromState;
            Since = since;
            EgressAddress = egressAddress;
            Health = health;
            NatHealthy = natHealthy;
            InstanceState = instanceState;
            LifecycleState = lifecycleState;
            AutoScalingHealth = autoScalingHealth;
            HasMetrics = hasMetrics;
            RouteTableIds = routeTableIds.ToArray();
            Detail = detail;
        }

        /// <summary>The HaNat VPC's name: the status view groups the zones under it.</summary>
        public string VpcName { get; }
        public string VpcId { get; }
        public string AvailabilityZone { get; }

        /// <summary>Own, Failover, Handover, NatGateway, OtherTarget, Blackhole or NoRoute.</summary>
        public ZoneServedWhy Why { get; }

        /// <summary>What the zone's 0.0.0.0/0 goes to: a NAT's instance id, or the gateway (nat-, tgw-, igw-…); null with no route.</summary>
        public string? ServedBy { get; }

        /// <summary>The zone the serving NAT runs in: the zone itself unless a peer took it.</summary>
        public string? ServedByZone { get; }

        /// <summary>On a failover or handover: the zone's own NAT, the one it was taken from (the newest of the zone that is not still booting).</summary>
        public string? From { get; }

        /// <summary>That NAT's state now: terminated, stopped, Terminating:Wait, Unhealthy, running…</summary>
        public string? FromState { get; }

        /// <summary>
        /// When the serving NAT took the zone (UTC, to the minute): from the ZoneServedSeconds metric it publishes. Null
        /// without metrics, or while the metrics are behind the routes (a move within the last minute).
        /// </summary>
        public DateTime? Since { get; }

        /// <summary>The public address the zone's traffic leaves from: its Elastic IP while the serving NAT holds it.</summary>
        public string? EgressAddress { get; }

        /// <summary>
        /// The serving NAT's health in a word or three: its instance state when not running, its Auto Scaling lifecycle
        /// when not InService, Unhealthy (ASG) (the group's mark), Self-check failing (its Healthy metric), Healthy, or
        /// without metrics what Auto Scaling says (InService).
        /// </summary>
        public string Health { get; }

        /// <summary>The NAT's own Healthy metric (its data-plane self-check) in the last minutes; null without one.</summary>
        public bool? NatHealthy { get; }

        /// <summary>EC2's state of the serving instance (running, stopped…).</summary>
        public string? InstanceState { get; }

        /// <summary>Auto Scaling's lifecycle state of the serving NAT (InService, Terminating:Wait…); null outside the group.</summary>
        public string? LifecycleState { get; }

        /// <summary>Auto Scaling's health of the serving NAT: Healthy or Unhealthy.</summary>
        public string? AutoScalingHealth { get; }

        /// <summary>Whether CloudWatch answered with any of the VPC's metrics for the last minutes.</summary>
        public bool HasMetrics { get; }

        /// <summary>The route tables the zone's private subnets use (HaNat's, or those an added VPC serves).</summary>
        public IReadOnlyList<string> RouteTableIds { get; }

        /// <summary>One sentence that says it all, for a log or a ticket.</summary>
        public string Detail { get; }

        public override string ToString() => Detail;
    }
}
