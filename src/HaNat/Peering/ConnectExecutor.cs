using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>
    /// Applies a <see cref="ConnectPlan"/> in its order and nothing else: the connection first (create, accept in
    /// the accepter's region, wait until active), then the routes. Each write is offered to <c>shouldProcess</c>
    /// first (that is -WhatIf and -Confirm). No route is written to a connection that is not active.
    /// </summary>
    internal sealed class ConnectExecutor(PeeringClients clients, PeeringWaiter waiter)
    {
        private readonly PeeringClients _clients = clients;
        private readonly PeeringWaiter _waiter = waiter;

        /// <param name="shouldProcess">(target, action) → whether to write.</param>
        /// <param name="whatIf">true under -WhatIf: every write is offered so the whole plan is printed, none is made.</param>
        /// <param name="warn">where to say why something was not done.</param>
        /// <param name="report">one route write that failed; the others go on.</param>
        /// <param name="progress">what the command is waiting for.</param>
        public IReadOnlyList<PeeringResult> Apply(ConnectPlan plan, Func<string, string, bool> shouldProcess, bool whatIf,
            Action<string> warn, Action<HaNatException> report, Action<string> progress)
        {
            var (id, active) = ApplyConnection(plan, shouldProcess, whatIf, progress);

            var results = new List<PeeringResult>();
            var target = id ?? $"the new peering connection {plan.Connection.Name}";
            var notWritten = 0;
            foreach (var route in plan.Routes)
            {
                if (route.Write == RouteWrite.None)
                {
                    results.Add(route.ToResult(id));
                    continue;
                }
                if (!active && !whatIf)
                {
                    notWritten++;
                    continue;
                }
                if (!shouldProcess(route.RouteTableId, route.Describe(target)) || !active) continue;
                try
                {
                    Write(route, id!);
                    results.Add(route.ToResult(id));
                }
                catch (HaNatException ex)
                {
                    ex.Target ??= route.RouteTableId;
                    report(ex);
                }
            }
            if (notWritten > 0)
            {
                warn($"No route was written ({notWritten} planned): the peering connection between {plan.Local.Id} and {plan.Peer.Id} " +
                    "is not active, and a route to it would carry nothing.");
            }
            return results;
        }

        private (string? Id, bool Active) ApplyConnection(ConnectPlan plan, Func<string, string, bool> shouldProcess, bool whatIf, Action<string> progress)
        {
            var connection = plan.Connection;
            var id = connection.Id;
            switch (connection.Step)
            {
                case ConnectionStep.Reuse:
                    return (id, true);

                case ConnectionStep.Create:
                    var what = $"create and accept peering connection {connection.Name}: {plan.Local.Id} ({string.Join(", ", plan.Local.CidrBlocks)}) " +
                        $"<-> {plan.Peer.Id} ({string.Join(", ", plan.Peer.CidrBlocks)}, {plan.Peer.Region})";
                    if (!shouldProcess(plan.Local.ToString(), what)) return (null, false);
                    id = _clients.Local.Writer.CreatePeeringAsync(plan.Local.Id, plan.Peer.Id, plan.Peer.Region, connection.Name)
                        .GetAwaiter().GetResult();
                    // EC2 answers "initiating-request" and moves on by itself; acceptance must wait for "pending-acceptance".
                    var seen = _waiter.Wait(id, s => s == PeeringStatus.PendingAcceptance || s == PeeringStatus.Active, "ready to accept", progress);
                    if (seen.Status == PeeringStatus.PendingAcceptance) Accept(PeeringEnd.Peer, id, progress);
                    else _waiter.Wait(id, s => s == PeeringStatus.Active, PeeringStatus.Active, progress);
                    return (id, true);

                case ConnectionStep.Accept:
                    var existing = connection.Existing!;
                    var accepterRegion = _clients.For(connection.Accepter).Region;
                    if (!shouldProcess(existing.Id, $"accept peering connection {existing.Id} ({existing.RequesterVpcId} -> {existing.AccepterVpcId}) in {accepterRegion}"))
                    {
                        return (id, false);
                    }
                    Accept(connection.Accepter, existing.Id, progress);
                    return (id, true);

                default:
                    // Waiting writes nothing, but -WhatIf promises to change nothing and to be quick.
                    if (whatIf) return (id, false);
                    _waiter.Wait(id!, s => s == PeeringStatus.Active, PeeringStatus.Active, progress);
                    return (id, true);
            }
        }

        private void Accept(PeeringEnd accepter, string id, Action<string> progress)
        {
            _clients.For(accepter).Writer.AcceptPeeringAsync(id).GetAwaiter().GetResult();
            _waiter.Wait(id, s => s == PeeringStatus.Active, PeeringStatus.Active, progress);
        }

        private void Write(PlannedRoute route, string connectionId)
        {
            var writer = _clients.For(route.End).Writer;
            var call = route.Write == RouteWrite.Create
                ? writer.CreateRouteAsync(route.RouteTableId, route.DestinationCidr, connectionId)
                : writer.ReplaceRouteAsync(route.RouteTableId, route.DestinationCidr, connectionId);
            call.GetAwaiter().GetResult();
        }
    }
}
