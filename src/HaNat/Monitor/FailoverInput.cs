namespace HaNat.Monitor
{
    /// <summary>Everything one decision looks at. The policy reads it and changes nothing.</summary>
    internal sealed record FailoverInput(double Now, SelfView Self, IReadOnlyList<PeerView> Peers)
    {
        /// <summary>Zone → the instance all its private default routes point at (null: mixed, none, or not an instance). Zones absent are unknown.</summary>
        public IReadOnlyDictionary<string, string?> RouteOwners { get; set; } = new Dictionary<string, string?>();
        /// <summary>When <see cref="RouteOwners"/> was read from EC2; null never.</summary>
        public double? RoutesReadAt { get; set; }
        public IReadOnlyList<TakeoverRecord> Takeovers { get; set; } = Array.Empty<TakeoverRecord>();
        /// <summary>Zones whose takeover by this NAT is still running.</summary>
        public IReadOnlyCollection<string> InFlight { get; set; } = Array.Empty<string>();
        /// <summary>Zones this NAT's own takeovers pointed at itself, not contradicted by a route read made since.</summary>
        public IReadOnlyCollection<string> TakenHere { get; set; } = Array.Empty<string>();
        /// <summary>Zones this NAT's own takeovers sent to the zone's NAT gateway, not contradicted by a route read made since.</summary>
        public IReadOnlyCollection<string> OnNatGateway { get; set; } = Array.Empty<string>();
        /// <summary>Zone → when a takeover EC2 failed may be tried again (<see cref="Ec2RetryPolicy"/>); zones absent wait for nothing.</summary>
        public IReadOnlyDictionary<string, double> RetryAt { get; set; } = new Dictionary<string, double>();
        /// <summary>Instances this NAT already marked Unhealthy (or tried to).</summary>
        public IReadOnlyCollection<string> Marked { get; set; } = Array.Empty<string>();
    }
}
