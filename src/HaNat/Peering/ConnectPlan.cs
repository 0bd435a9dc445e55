using System.Collections.Generic;
using System.Linq;
using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>What to do about the peering connection itself.</summary>
    internal enum ConnectionStep
    {
        /// <summary>An active connection joins the two VPCs already: use it, write nothing.</summary>
        Reuse,
        /// <summary>A connection is on its way (initiating, provisioning): wait until it is active.</summary>
        AwaitActive,
        /// <summary>A connection waits for acceptance: accept it in the accepter's region, then wait.</summary>
        Accept,
        /// <summary>No live connection: create one (tagged as HaNat's), accept it, wait until it is active.</summary>
        Create,
    }

    internal sealed class ConnectionDecision
    {
        public ConnectionDecision(ConnectionStep step, PeeringConnectionInfo? existing, PeeringEnd accepter, string name)
        {
            Step = step;
            Existing = existing;
            Accepter = accepter;
            Name = name;
        }

        public ConnectionStep Step { get; }
        /// <summary>The connection to use; null when one is to be created.</summary>
        public PeeringConnectionInfo? Existing { get; }
        public string? Id => Existing?.Id;
        /// <summary>The end whose owner and region accept the connection.</summary>
        public PeeringEnd Accepter { get; }
        /// <summary>The Name tag of a connection to create: "&lt;local name&gt;-to-&lt;peer name&gt;".</summary>
        public string Name { get; }
    }

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
