using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>
    /// Applies a <see cref="DisconnectPlan"/>: the routes first, so that no HaNat table is left pointing at a
    /// deleted connection, then the connections. Each write is offered to <c>shouldProcess</c> first; one that
    /// fails is reported and the others go on (a second run finishes the job).
    /// </summary>
    internal sealed class DisconnectExecutor
    {
        private readonly PeeringClients _clients;

        public DisconnectExecutor(PeeringClients clients)
        {
            _clients = clients;
        }

        /// <returns>One result per route deleted.</returns>
        public IReadOnlyList<PeeringResult> Apply(DisconnectPlan plan, Func<string, string, bool> shouldProcess, Action<HaNatException> report)
        {
            var results = new List<PeeringResult>();
            foreach (var route in plan.Routes)
            {
                if (!shouldProcess(route.RouteTableId, route.Describe(route.PeeringConnectionId!))) continue;
                if (Try(() => _clients.For(route.End).Writer.DeleteRouteAsync(route.RouteTableId, route.DestinationCidr).GetAwaiter().GetResult(),
                    route.RouteTableId, report))
                {
                    results.Add(route.ToResult(null));
                }
            }

            foreach (var connection in plan.ConnectionsToDelete)
            {
                if (!shouldProcess(connection.Id, $"delete peering connection {connection.Id} ({connection.RequesterVpcId} -> {connection.AccepterVpcId})")) continue;
                // Either owner may delete a connection, each in its own region. It is deleted in the requester's: there
                // HaNat tagged it (Connect-HaNatVpc creates it with its tags), while the accepter's copy of a
                // cross-region peering has no tags, and a policy scoped by HaNat's tag (Operator) would refuse it.
                var requesterSide = _clients.Peer.Region == connection.RequesterRegion ? _clients.Peer : _clients.Local;
                Try(() => requesterSide.Writer.DeletePeeringAsync(connection.Id).GetAwaiter().GetResult(), connection.Id, report);
            }
            return results;
        }

        private static bool Try(Action write, string target, Action<HaNatException> report)
        {
            try
            {
                write();
                return true;
            }
            catch (HaNatException ex)
            {
                ex.Target ??= target;
                report(ex);
                return false;
            }
        }
    }
}
