namespace HaNat.Peering
{
    /// <summary>One IPv4 route of a route table, reduced to what peering decides on.</summary>
    /// <param name="TargetId">The id a person would name: pcx-, igw-, nat-, i-, eni-... or "local".</param>
    /// <param name="PeeringConnectionId">Set when the route goes to a peering connection.</param>
    internal sealed record PeeringRoute(string DestinationCidr, string TargetId, string? PeeringConnectionId,
        bool Blackhole)
    {
        public override string ToString() => Blackhole ? TargetId + " (blackhole)" : TargetId;
    }
}
