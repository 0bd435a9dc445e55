namespace HaNat.Routing
{
    /// <summary>
    /// A NAT gateway of the VPC, as far as the takeover needs it: whether a route to it carries traffic now. A NAT
    /// gateway HaNat serves a zone instead of stays the zone's fallback while it is available.
    /// </summary>
    /// <param name="State">pending, available, deleting, deleted or failed.</param>
    internal sealed record NatGatewayInfo(string Id, string State, string? SubnetId = null)
    {
        /// <summary>Carries traffic now: the only state in which a route to it is not a blackhole.</summary>
        public bool IsAvailable => State == "available";
    }
}
