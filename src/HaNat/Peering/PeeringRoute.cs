namespace HaNat.Peering
{
    /// <summary>One IPv4 route of a route table, reduced to what peering decides on.</summary>
    internal sealed class PeeringRoute
    {
        public PeeringRoute(string destinationCidr, string targetId, string? peeringConnectionId, bool blackhole)
        {
            DestinationCidr = destinationCidr;
            TargetId = targetId;
            PeeringConnectionId = peeringConnectionId;
            Blackhole = blackhole;
        }

        public string DestinationCidr { get; }
        /// <summary>The id a person would name: pcx-, igw-, nat-, i-, eni-... or "local".</summary>
        public string TargetId { get; }
        /// <summary>Set when the route goes to a peering connection.</summary>
        public string? PeeringConnectionId { get; }
        public bool Blackhole { get; }

        public override string ToString() => Blackhole ? TargetId + " (blackhole)" : TargetId;
    }
}
