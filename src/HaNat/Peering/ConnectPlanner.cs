using HaNat.Model;
using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>
    /// Decides, with no I/O, what Connect-HaNatVpc must write. Refusals come first: an unknown VPC, a VPC that is
    /// not HaNat's (unless forced), overlapping address ranges. Then the connection: reuse a live one between the
    /// two VPCs in either direction, whoever made it, else create one. Then, in every HaNat route table on both
    /// sides, one route per IPv4 block of the other VPC: missing → create; already to the connection → leave;
    /// a blackhole → replace; anything else → a conflict, left alone unless forced.
    /// </summary>
    internal static class ConnectPlanner
    {
        public static ConnectPlan Plan(PeeringSnapshot snapshot, bool force)
        {
            PeeringChecks.RequireFound(snapshot);
            var local = snapshot.Local.Vpc!;
            var peer = snapshot.Peer.Vpc!;

            var notHaNat = new[] { local, peer }.Where(v => !v.IsHaNat).ToArray();
            if (notHaNat.Length > 0 && !force)
            {
                var names = string.Join(" and ", notHaNat.Select(v => v.ToString()));
                throw new HaNatException("NotHaNatVpc", HaNatErrorKind.InvalidOperation,
                    $"{names} {(notHaNat.Length == 1 ? "is" : "are")} not HaNat's (no {HaNatTags.Managed}={HaNatTags.ManagedValue} tag). " +
                    "Connect HaNat VPCs, or pass -Force to peer this one and route to it from its HaNat route tables.")
                { Target = notHaNat[0].Id };
            }

            RefuseOverlap(local, peer);

            var connection = DecideConnection(snapshot, local, peer);
            var routes = new List<PlannedRoute>();
            foreach (var side in snapshot.Sides)
            {
                var other = snapshot.Other(side).Vpc!;
                foreach (var table in side.HaNatTables)
                {
                    foreach (var destination in other.CidrBlocks)
                    {
                        routes.Add(DecideRoute(side, other, table, destination, connection.Id, force));
                    }
                }
            }

            var tableless = snapshot.Sides.Where(s => !s.HaNatTables.Any()).Select(s => s.Vpc!);
            return new ConnectPlan(local, peer, connection, routes, notHaNat, tableless);
        }

        private static void RefuseOverlap(PeeringVpc local, PeeringVpc peer)
        {
            var overlaps = CidrOverlap.Find(local.CidrBlocks, peer.CidrBlocks);
            if (overlaps.Count == 0) return;
            var listed = string.Join("; ", overlaps.Select(o => $"{o.First} of {local.Id} overlaps {o.Second} of {peer.Id}"));
            throw new HaNatException("OverlappingCidr", HaNatErrorKind.InvalidOperation,
                $"{local} and {peer} cannot be peered: {listed}. A route to the peer would also catch the VPC's own " +
                "addresses. Peer VPCs whose address ranges are disjoint.")
            { Target = peer.Id };
        }

        private static ConnectionDecision DecideConnection(PeeringSnapshot snapshot, PeeringVpc local, PeeringVpc peer)
        {
            var name = $"{local.Name}-to-{peer.Name}";
            var live = snapshot.Connections.Where(c => c.IsLive)
                .OrderByDescending(c => PeeringStatus.Progress(c.Status))
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (live == null) return new ConnectionDecision(ConnectionStep.Create, null, PeeringEnd.Peer, name);

            var accepter = live.AccepterVpcId == local.Id ? PeeringEnd.Local : PeeringEnd.Peer;
            var step = live.Status switch
            {
                PeeringStatus.Active => ConnectionStep.Reuse,
                PeeringStatus.PendingAcceptance => ConnectionStep.Accept,
                _ => ConnectionStep.AwaitActive,
            };
            return new ConnectionDecision(step, live, accepter, name);
        }

        private static PlannedRoute DecideRoute(PeeringSide side, PeeringVpc other, PeeringRouteTable table, string destination,
            string? connectionId, bool force)
        {
            PlannedRoute Route(PeeringRouteAction action, RouteWrite write, string? current, string? conflicting) =>
                new PlannedRoute(side.End, side.VpcId, other.Id, table.Id, destination, action, write, current, conflicting, side.Region, other.Region);

            var route = table.RouteTo(destination);
            if (route == null) return Route(PeeringRouteAction.Created, RouteWrite.Create, null, null);

            // A route to the connection in use is ours; its state follows the connection's, so it needs no write.
            if (connectionId != null && route.PeeringConnectionId == connectionId)
            {
                return Route(PeeringRouteAction.Unchanged, RouteWrite.None, connectionId, null);
            }
            // A blackhole carries no traffic (its target is gone): taking it over breaks nothing.
            if (route.Blackhole || force) return Route(PeeringRouteAction.Replaced, RouteWrite.Replace, null, route.ToString());
            return Route(PeeringRouteAction.Conflict, RouteWrite.None, null, route.ToString());
        }
    }
}
