using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>
    /// Decides, with no I/O, what Disconnect-HaNatVpc must write: delete every route in a HaNat route table, on
    /// either side, that goes to a connection between the two VPCs (whatever the connection's state, so that
    /// blackholes left by a deleted connection go too); then delete the live connections that carry HaNat's tag.
    /// Routes in other tables and connections HaNat did not make are never touched.
    /// </summary>
    internal static class DisconnectPlanner
    {
        public static DisconnectPlan Plan(PeeringSnapshot snapshot)
        {
            PeeringChecks.RequireFound(snapshot);
            var ids = new HashSet<string>(snapshot.Connections.Select(c => c.Id), StringComparer.Ordinal);
            var doomed = snapshot.Connections.Where(c => c.IsLive && c.IsHaNat).ToArray();
            var doomedIds = new HashSet<string>(doomed.Select(c => c.Id), StringComparer.Ordinal);

            var routes = snapshot.Sides.SelectMany(side => side.HaNatTables.SelectMany(table => table.Routes
                .Where(r => r.PeeringConnectionId != null && ids.Contains(r.PeeringConnectionId))
                .Select(r => new PlannedRoute(side.End, side.VpcId, snapshot.Other(side).VpcId, table.Id, r.DestinationCidr,
                    PeeringRouteAction.Removed, RouteWrite.Delete, r.PeeringConnectionId, null, side.Region, snapshot.Other(side).Region))));

            var stranded = snapshot.Sides.SelectMany(side => side.RouteTables.Where(t => !t.IsHaNat).SelectMany(table => table.Routes
                .Where(r => r.PeeringConnectionId != null && doomedIds.Contains(r.PeeringConnectionId))
                .Select(r => new StrandedRoute(side.VpcId, table.Id, r.DestinationCidr, r.PeeringConnectionId!))));

            var left = snapshot.Connections.Where(c => c.IsLive && !c.IsHaNat);
            return new DisconnectPlan(snapshot.Local.Vpc!, snapshot.Peer.Vpc!, routes.ToArray(), doomed, left, stranded.ToArray());
        }
    }
}
