using System.Linq;
using HaNat.Model;
using HaNat.Peering;
using Xunit;
using static HaNat.Tests.Peering.PeeringFixtures;

namespace HaNat.Tests.Peering
{
    public class DisconnectPlannerTests
    {
        private static PeeringSnapshot Connected(PeeringConnectionInfo connection, params PeeringRouteTable[] extraTablesA) => Snapshot(
            Vpc(VpcA, "10.1.0.0/16", "10.101.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
            new[]
            {
                HaNatTable("rtb-a1", VpcA, Local("10.1.0.0/16"), ToPeering("10.2.0.0/16", connection.Id), ToPeering("10.9.0.0/16", "pcx-third")),
                ForeignTable("rtb-ax", VpcA, ToPeering("10.2.0.0/16", connection.Id)),
            }.Concat(extraTablesA),
            new[]
            {
                HaNatTable("rtb-b1", VpcB, ToPeering("10.1.0.0/16", connection.Id), ToPeering("10.101.0.0/16", connection.Id), ToGateway("0.0.0.0/0", "igw-1")),
            },
            connection);

        [Fact]
        public void RemovesRoutesToTheConnectionInHaNatTablesOnBothSidesAndDeletesWhatHaNatMade()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active)));

            Assert.Equal(new[] { "rtb-a1 10.2.0.0/16", "rtb-b1 10.1.0.0/16", "rtb-b1 10.101.0.0/16" },
                plan.Routes.Select(r => r.RouteTableId + " " + r.DestinationCidr));
            Assert.All(plan.Routes, r => Assert.Equal(RouteWrite.Delete, r.Write));
            Assert.All(plan.Routes, r => Assert.Equal(PeeringRouteAction.Removed, r.Action));
            Assert.All(plan.Routes, r => Assert.Equal("pcx-1", r.PeeringConnectionId));
            Assert.Equal(new[] { PeeringEnd.Local, PeeringEnd.Peer, PeeringEnd.Peer }, plan.Routes.Select(r => r.End));
            Assert.Equal("pcx-1", Assert.Single(plan.ConnectionsToDelete).Id);
            Assert.Empty(plan.ConnectionsLeft);
        }

        [Fact]
        public void ForeignTablesAreNeverWrittenButTheirRoutesAreReported()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active)));

            Assert.DoesNotContain(plan.Routes, r => r.RouteTableId == "rtb-ax");
            var stranded = Assert.Single(plan.StrandedRoutes);
            Assert.Equal(("rtb-ax", "10.2.0.0/16", "pcx-1"), (stranded.RouteTableId, stranded.DestinationCidr, stranded.PeeringConnectionId));
        }

        [Fact]
        public void RoutesToOtherPeeringsAndGatewaysStay()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active)));
            Assert.DoesNotContain(plan.Routes, r => r.DestinationCidr == "10.9.0.0/16" || r.DestinationCidr == "0.0.0.0/0");
        }

        [Fact]
        public void AConnectionHaNatDidNotMakeLosesItsHaNatRoutesButStays()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcB, VpcA, PeeringStatus.Active, hanat: false)));

            Assert.Equal(3, plan.Routes.Count);
            Assert.Empty(plan.ConnectionsToDelete);
            Assert.Equal("pcx-1", Assert.Single(plan.ConnectionsLeft).Id);
            Assert.Empty(plan.StrandedRoutes);
        }

        [Fact]
        public void BlackholesLeftByADeletedConnectionGoButTheConnectionIsNotDeletedAgain()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcA, VpcB, PeeringStatus.Deleted)));

            Assert.Equal(3, plan.Routes.Count);
            Assert.Empty(plan.ConnectionsToDelete);
            Assert.Empty(plan.ConnectionsLeft);
        }

        [Fact]
        public void APendingConnectionHaNatMadeIsDeleted()
        {
            var plan = DisconnectPlanner.Plan(Connected(Connection("pcx-1", VpcA, VpcB, PeeringStatus.PendingAcceptance)));
            Assert.Equal("pcx-1", Assert.Single(plan.ConnectionsToDelete).Id);
        }

        [Fact]
        public void WhenNothingIsLeftThereIsNothingToWrite()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, Local("10.1.0.0/16")) }, new[] { HaNatTable("rtb-b1", VpcB) },
                Connection("pcx-1", VpcA, VpcB, PeeringStatus.Deleted));

            var plan = DisconnectPlanner.Plan(snapshot);

            Assert.False(plan.HasWrites);
            Assert.Empty(plan.Routes);
        }

        [Fact]
        public void AnUnknownVpcIsRefused()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), null, new PeeringRouteTable[0], new PeeringRouteTable[0]);
            Assert.Equal("VpcNotFound", Assert.Throws<HaNatException>(() => DisconnectPlanner.Plan(snapshot)).ErrorId);
        }

        [Fact]
        public void TheSameVpcTwiceIsRefusedBeforeAnyRead()
        {
            var ex = Assert.Throws<HaNatException>(() => PeeringChecks.RequireTwoVpcs(VpcA, VpcA, Region, Region));
            Assert.Equal("SameVpc", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
            PeeringChecks.RequireTwoVpcs(VpcA, VpcB, Region, Region);
        }
    }
}
