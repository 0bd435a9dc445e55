using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>
    /// Everything Connect-HaNatVpc will write, in order: the connection (create, accept, wait until active), then
    /// the routes, the local VPC's tables first. Routes that need no write are in the plan too, to be reported.
    /// </summary>
    internal sealed class ConnectPlan
    {
        public ConnectPlan(PeeringVpc local, PeeringVpc peer, ConnectionDecision connection, IEnumerable<PlannedRoute> routes,
            IEnumerable<PeeringVpc> forcedVpcs, IEnumerable<PeeringVpc> vpcsWithoutHaNatTables)
        {
            Local = local;
            Peer = peer;
            Connection = connection;
            Routes = routes.ToArray();
            ForcedVpcs = forcedVpcs.ToArray();
            VpcsWithoutHaNatTables = vpcsWithoutHaNatTables.ToArray();
        }

        public PeeringVpc Local { get; }
        public PeeringVpc Peer { get; }
        public ConnectionDecision Connection { get; }
        public IReadOnlyList<PlannedRoute> Routes { get; }
        /// <summary>VPCs that are not HaNat's, connected only because of -Force.</summary>
        public IReadOnlyList<PeeringVpc> ForcedVpcs { get; }
        /// <summary>VPCs with no HaNat route table: nothing on that side will route to the peer.</summary>
        public IReadOnlyList<PeeringVpc> VpcsWithoutHaNatTables { get; }

        public IEnumerable<PlannedRoute> Conflicts => Routes.Where(r => r.Action == PeeringRouteAction.Conflict);

        public bool HasWrites => Connection.Step != ConnectionStep.Reuse || Routes.Any(r => r.Write != RouteWrite.None);
    }
}
