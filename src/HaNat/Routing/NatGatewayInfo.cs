namespace HaNat.Routing
{
    /// <summary>
    /// A NAT gateway of the VPC, as far as the takeover needs it: whether a route to it carries traffic now. A NAT
    /// gateway HaNat serves a zone instead of stays the zone's fallback while it is available.
    /// </summary>
    internal sealed class NatGatewayInfo
    {
        public NatGatewayInfo(string id, string state, string? subnetId = null)
        {
            Id = id;
            State = state;
            SubnetId = subnetId;
        }

        public string Id { get; }
        /// <summary>pending, available, deleting, deleted or failed.</summary>
        public string State { get; }
        public string? SubnetId { get; }

        /// <summary>Carries traffic now: the only state in which a route to it is not a blackhole.</summary>
        public bool IsAvailable => State == "available";
    }
}
