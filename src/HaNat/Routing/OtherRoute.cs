namespace HaNat.Routing
{
    /// <summary>
    /// A route of a table other than its local route and 0.0.0.0/0: what a subnet moved off the main table would lose
    /// unless its new table gets it too.
    /// </summary>
    internal sealed class OtherRoute
    {
        public OtherRoute(string destination, RouteTargetKind kind, string targetId, string? notCopyable = null)
        {
            Destination = destination;
            Kind = kind;
            TargetId = targetId;
            NotCopyable = notCopyable;
        }

        /// <summary>An IPv4 CIDR block, or the IPv6 block or prefix list it is for.</summary>
        public string Destination { get; }
        public RouteTargetKind Kind { get; }
        public string TargetId { get; }
        /// <summary>Why CreateRoute cannot make the same route in another table; null when it can.</summary>
        public string? NotCopyable { get; }

        public override string ToString() => Destination + " -> " + TargetId;
    }
}
