using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>A route table with all its IPv4 routes; only the HaNat ones (tagged) are ever written.</summary>
    internal sealed class PeeringRouteTable
    {
        public PeeringRouteTable(string id, string vpcId, IEnumerable<PeeringRoute> routes, IReadOnlyDictionary<string, string>? tags = null)
        {
            Id = id;
            VpcId = vpcId;
            Routes = routes.ToArray();
            Tags = tags ?? new Dictionary<string, string>();
        }

        public string Id { get; }
        public string VpcId { get; }
        public IReadOnlyList<PeeringRoute> Routes { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        public bool IsHaNat => Tags.TryGetValue(HaNatTags.Managed, out var value) && value == HaNatTags.ManagedValue;

        /// <summary>The route for exactly this destination (EC2 keeps at most one per CIDR), or null.</summary>
        public PeeringRoute? RouteTo(string destinationCidr) =>
            Routes.FirstOrDefault(r => string.Equals(r.DestinationCidr, destinationCidr, StringComparison.Ordinal));
    }
}
