using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Model;

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
