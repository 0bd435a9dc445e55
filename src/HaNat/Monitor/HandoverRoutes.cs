using HaNat.Routing;

namespace HaNat.Monitor
{
    /// <summary>What one read of the VPC says of a leaving NAT's routes. Pure.</summary>
    internal sealed class HandoverRoutes
    {
        private HandoverRoutes(IReadOnlyList<string> tablesToSelf, IReadOnlyDictionary<string, string?> owners, string selfId)
        {
            TablesToSelf = tablesToSelf;
            Owners = owners;
            ZonesServed = owners.Where(o => o.Value == selfId).Select(o => o.Key).OrderBy(z => z, StringComparer.Ordinal).ToList();
        }

        /// <summary>Every route table of the VPC whose 0.0.0.0/0 still goes to this NAT (by instance, or by its interface).</summary>
        public IReadOnlyList<string> TablesToSelf { get; }
        /// <summary>Zone → who its routes go to (<see cref="RouteOwnership"/>).</summary>
        public IReadOnlyDictionary<string, string?> Owners { get; }
        /// <summary>The zones whose routes all go to this NAT.</summary>
        public IReadOnlyList<string> ZonesServed { get; }

        public static HandoverRoutes Read(VpcSnapshot snapshot, string selfId, string? selfInterfaceId)
        {
            var tables = snapshot.RouteTables
                .Where(t => t.DefaultRoute is DefaultRoute r && !r.Blackhole &&
                    (r.InstanceId == selfId || selfInterfaceId != null && r.NetworkInterfaceId == selfInterfaceId))
                .Select(t => t.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
            return new HandoverRoutes(tables, RouteOwnership.Compute(snapshot), selfId);
        }
    }
}
