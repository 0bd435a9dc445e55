using System.Collections.Generic;
using HaNat.Peering;
using HaNat.Tagging;

namespace HaNat.Tests.Peering
{
    /// <summary>Snapshots for the planners: two HaNat VPCs, their tables, and the connections between them.</summary>
    internal static class PeeringFixtures
    {
        public const string VpcA = "vpc-a";
        public const string VpcB = "vpc-b";
        public const string Region = "us-east-1";

        public static Dictionary<string, string> HaNatTags(string? name = null)
        {
            var tags = new Dictionary<string, string> { [HaNat.Tagging.HaNatTags.Managed] = HaNat.Tagging.HaNatTags.ManagedValue };
            if (name != null) tags[HaNat.Tagging.HaNatTags.VpcName] = name;
            return tags;
        }

        public static PeeringVpc Vpc(string id, params string[] blocks) => new PeeringVpc(id, Region, blocks, HaNatTags(id.Substring(4)));

        public static PeeringVpc ForeignVpc(string id, params string[] blocks) => new PeeringVpc(id, Region, blocks);

        public static PeeringRouteTable HaNatTable(string id, string vpcId, params PeeringRoute[] routes) =>
            new PeeringRouteTable(id, vpcId, routes, HaNatTags());

        public static PeeringRouteTable ForeignTable(string id, string vpcId, params PeeringRoute[] routes) =>
            new PeeringRouteTable(id, vpcId, routes);

        public static PeeringRoute Local(string cidr) => new PeeringRoute(cidr, "local", null, false);

        public static PeeringRoute ToPeering(string cidr, string pcx, bool blackhole = false) => new PeeringRoute(cidr, pcx, pcx, blackhole);

        public static PeeringRoute ToGateway(string cidr, string id, bool blackhole = false) => new PeeringRoute(cidr, id, null, blackhole);

        public static PeeringConnectionInfo Connection(string id, string requester, string accepter, string status, bool hanat = true) =>
            new PeeringConnectionInfo(id, requester, Region, accepter, Region, status, hanat ? HaNatTags() : null);

        public static PeeringSnapshot Snapshot(PeeringVpc? a, PeeringVpc? b, IEnumerable<PeeringRouteTable> tablesA,
            IEnumerable<PeeringRouteTable> tablesB, params PeeringConnectionInfo[] connections) =>
            new PeeringSnapshot(
                new PeeringSide(PeeringEnd.Local, a?.Id ?? VpcA, Region, a, tablesA),
                new PeeringSide(PeeringEnd.Peer, b?.Id ?? VpcB, Region, b, tablesB),
                connections);

        /// <summary>A 10.1/16 and B 10.2/16, each with one HaNat table and one foreign table.</summary>
        public static PeeringSnapshot TwoVpcs(params PeeringConnectionInfo[] connections) => Snapshot(
            Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
            new[] { HaNatTable("rtb-a1", VpcA, Local("10.1.0.0/16")), ForeignTable("rtb-ax", VpcA, Local("10.1.0.0/16")) },
            new[] { HaNatTable("rtb-b1", VpcB, Local("10.2.0.0/16")), ForeignTable("rtb-bx", VpcB, Local("10.2.0.0/16")) },
            connections);
    }
}
