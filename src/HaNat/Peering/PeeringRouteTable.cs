using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>A route table with all its IPv4 routes; only the HaNat ones (tagged) are ever written.</summary>
    internal sealed class PeeringRouteTable(string id, string vpcId, IEnumerable<PeeringRoute> routes,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        public string Id { get; } = id;
        public string VpcId { get; } = vpcId;
        public IReadOnlyList<PeeringRoute> Routes { get; } = routes.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags ?? new Dictionary<string, string>();

        public bool IsHaNat => HaNatTags.IsManaged(Tags);

        /// <summary>The route for exactly this destination (EC2 keeps at most one per CIDR), or null.</summary>
        public PeeringRoute? RouteTo(string destinationCidr) =>
            Routes.FirstOrDefault(r => string.Equals(r.DestinationCidr, destinationCidr, StringComparison.Ordinal));
    }
}
