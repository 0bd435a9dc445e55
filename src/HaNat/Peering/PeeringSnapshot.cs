namespace HaNat.Peering
{
    /// <summary>Everything Connect-/Disconnect-HaNatVpc decide on, read in one round of concurrent describe calls.</summary>
    internal sealed class PeeringSnapshot
    {
        public PeeringSnapshot(PeeringSide local, PeeringSide peer, IEnumerable<PeeringConnectionInfo> connections)
        {
            Local = local;
            Peer = peer;
            Connections = connections.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        }

        public PeeringSide Local { get; }
        public PeeringSide Peer { get; }
        /// <summary>The connections between the two VPCs, either direction, any state.</summary>
        public IReadOnlyList<PeeringConnectionInfo> Connections { get; }

        public IEnumerable<PeeringSide> Sides => new[] { Local, Peer };

        public PeeringSide Other(PeeringSide side) => side.End == PeeringEnd.Local ? Peer : Local;

        internal static async Task<PeeringSnapshot> ReadAsync(PeeringClients clients, string vpcId, string peerVpcId)
        {
            var localVpc = clients.Local.Reader.DescribePeeringVpcAsync(vpcId);
            var peerVpc = clients.Peer.Reader.DescribePeeringVpcAsync(peerVpcId);
            var localTables = clients.Local.Reader.DescribePeeringRouteTablesAsync(vpcId);
            var peerTables = clients.Peer.Reader.DescribePeeringRouteTablesAsync(peerVpcId);
            // Any connection of the local VPC is visible in its region; a cross-region one is read on the peer's
            // side too, because each region keeps its own tags and HaNat's tag says who made it.
            var localConnections = clients.Local.Reader.DescribePeeringConnectionsAsync(vpcId, peerVpcId);
            var peerConnections = clients.CrossRegion
                ? clients.Peer.Reader.DescribePeeringConnectionsAsync(vpcId, peerVpcId)
                : Task.FromResult<IReadOnlyList<PeeringConnectionInfo>>(Array.Empty<PeeringConnectionInfo>());
            await Task.WhenAll(localVpc, peerVpc, localTables, peerTables, localConnections, peerConnections).ConfigureAwait(false);

            return new PeeringSnapshot(
                new PeeringSide(PeeringEnd.Local, vpcId, clients.Local.Region, localVpc.Result, localTables.Result),
                new PeeringSide(PeeringEnd.Peer, peerVpcId, clients.Peer.Region, peerVpc.Result, peerTables.Result),
                Merge(localConnections.Result, peerConnections.Result));
        }

        /// <summary>One entry per connection: the local region's view, with tags only the peer's region reports added.</summary>
        public static IEnumerable<PeeringConnectionInfo> Merge(IEnumerable<PeeringConnectionInfo> local, IEnumerable<PeeringConnectionInfo> peer)
        {
            var merged = local.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var seen in peer)
            {
                merged[seen.Id] = merged.TryGetValue(seen.Id, out var known) ? known.WithTagsOf(seen) : seen;
            }
            return merged.Values;
        }
    }
}
