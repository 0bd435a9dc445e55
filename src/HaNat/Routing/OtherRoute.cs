namespace HaNat.Routing
{
    /// <summary>
    /// A route of a table other than its local route and 0.0.0.0/0: what a subnet moved off the main table would lose
    /// unless its new table gets it too.
    /// </summary>
    /// <param name="Destination">An IPv4 CIDR block, or the IPv6 block or prefix list it is for.</param>
    /// <param name="NotCopyable">Why CreateRoute cannot make the same route in another table; null when it can.</param>
    internal sealed record OtherRoute(string Destination, RouteTargetKind Kind, string TargetId,
        string? NotCopyable = null)
    {
        public override string ToString() => Destination + " -> " + TargetId;
    }
}
