namespace HaNat.Peering
{
    /// <summary>
    /// Everything Disconnect-HaNatVpc will write, in order: the routes to the connection in HaNat's tables, then
    /// the connections HaNat made. Connections HaNat did not make are left, and said so.
    /// </summary>
    internal sealed class DisconnectPlan
    {
        public DisconnectPlan(PeeringVpc local, PeeringVpc peer, IEnumerable<PlannedRoute> routes,
            IEnumerable<PeeringConnectionInfo> connectionsToDelete, IEnumerable<PeeringConnectionInfo> connectionsLeft,
            IEnumerable<StrandedRoute> strandedRoutes)
        {
            Local = local;
            Peer = peer;
            Routes = routes.ToArray();
            ConnectionsToDelete = connectionsToDelete.ToArray();
            ConnectionsLeft = connectionsLeft.ToArray();
            StrandedRoutes = strandedRoutes.ToArray();
        }

        public PeeringVpc Local { get; }
        public PeeringVpc Peer { get; }
        public IReadOnlyList<PlannedRoute> Routes { get; }
        public IReadOnlyList<PeeringConnectionInfo> ConnectionsToDelete { get; }
        /// <summary>Live connections between the two VPCs that HaNat did not make.</summary>
        public IReadOnlyList<PeeringConnectionInfo> ConnectionsLeft { get; }
        public IReadOnlyList<StrandedRoute> StrandedRoutes { get; }

        public bool HasWrites => Routes.Count > 0 || ConnectionsToDelete.Count > 0;
    }
}
