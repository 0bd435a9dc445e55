using System.Linq;
using HaNat.Model;
using HaNat.Peering;
using Xunit;
using static HaNat.Tests.Peering.PeeringFixtures;

namespace HaNat.Tests.Peering
{
    public class ConnectPlannerTests
    {
        private static ConnectPlan Plan(PeeringSnapshot snapshot, bool force = false) => ConnectPlanner.Plan(snapshot, force);

        [Fact]
        public void NoConnectionYetCreatesOneNamedAfterBothVpcsAndRoutesEveryHaNatTableBothWays()
        {
            var plan = Plan(TwoVpcs());

            Assert.Equal(ConnectionStep.Create, plan.Connection.Step);
            Assert.Null(plan.Connection.Id);
            Assert.Equal("a-to-b", plan.Connection.Name);
            Assert.Equal(PeeringEnd.Peer, plan.Connection.Accepter);
            Assert.Equal(new[] { ("rtb-a1", "10.2.0.0/16", vpc: VpcA), ("rtb-b1", "10.1.0.0/16", vpc: VpcB) },
                plan.Routes.Select(r => (r.RouteTableId, r.DestinationCidr, r.VpcId)));
            Assert.All(plan.Routes, r => Assert.Equal(PeeringRouteAction.Created, r.Action));
            Assert.All(plan.Routes, r => Assert.Equal(RouteWrite.Create, r.Write));
            Assert.Equal(new[] { PeeringEnd.Local, PeeringEnd.Peer }, plan.Routes.Select(r => r.End));
            Assert.True(plan.HasWrites);
        }

        [Fact]
        public void ForeignRouteTablesAreNeverPlanned()
        {
            var plan = Plan(TwoVpcs());
            Assert.DoesNotContain(plan.Routes, r => r.RouteTableId == "rtb-ax" || r.RouteTableId == "rtb-bx");
        }

        [Fact]
        public void EveryBlockOfThePeerIsRoutedFromEveryHaNatTable()
        {
            var a = Vpc(VpcA, "10.1.0.0/16", "10.101.0.0/16");
            var b = Vpc(VpcB, "10.2.0.0/16");
            var snapshot = Snapshot(a, b,
                new[] { HaNatTable("rtb-a1", VpcA), HaNatTable("rtb-a2", VpcA) },
                new[] { HaNatTable("rtb-b1", VpcB), HaNatTable("rtb-b2", VpcB) });

            var plan = Plan(snapshot);

            Assert.Equal(new[] { "rtb-a1 10.2.0.0/16", "rtb-a2 10.2.0.0/16", "rtb-b1 10.1.0.0/16", "rtb-b1 10.101.0.0/16", "rtb-b2 10.1.0.0/16", "rtb-b2 10.101.0.0/16" },
                plan.Routes.Select(r => r.RouteTableId + " " + r.DestinationCidr));
            Assert.All(plan.Routes.Where(r => r.VpcId == VpcA), r => Assert.Equal(VpcB, r.PeerVpcId));
            Assert.All(plan.Routes.Where(r => r.VpcId == VpcB), r => Assert.Equal(VpcA, r.PeerVpcId));
        }

        [Fact]
        public void OverlappingPrimaryBlocksAreRefusedNamingBothBlocks()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.1.128.0/17"), new[] { HaNatTable("rtb-a1", VpcA) }, new[] { HaNatTable("rtb-b1", VpcB) });

            var ex = Assert.Throws<HaNatException>(() => Plan(snapshot, force: true));

            Assert.Equal("OverlappingCidr", ex.ErrorId);
            Assert.Contains("10.1.0.0/16 of vpc-a overlaps 10.1.128.0/17 of vpc-b", ex.Message);
        }

        [Fact]
        public void AnOverlapBetweenSecondaryBlocksIsRefusedToo()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16", "10.60.0.0/16"), Vpc(VpcB, "10.2.0.0/16", "10.60.4.0/22"),
                new[] { HaNatTable("rtb-a1", VpcA) }, new[] { HaNatTable("rtb-b1", VpcB) });

            var ex = Assert.Throws<HaNatException>(() => Plan(snapshot));

            Assert.Equal("OverlappingCidr", ex.ErrorId);
            Assert.Contains("10.60.0.0/16", ex.Message);
            Assert.Contains("10.60.4.0/22", ex.Message);
            Assert.DoesNotContain("10.1.0.0/16 of", ex.Message);
        }

        [Theory]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(false, false)]
        public void AVpcThatIsNotHaNatsIsRefusedUnlessForced(bool aIsHaNat, bool bIsHaNat)
        {
            var a = aIsHaNat ? Vpc(VpcA, "10.1.0.0/16") : ForeignVpc(VpcA, "10.1.0.0/16");
            var b = bIsHaNat ? Vpc(VpcB, "10.2.0.0/16") : ForeignVpc(VpcB, "10.2.0.0/16");
            var snapshot = Snapshot(a, b, new[] { HaNatTable("rtb-a1", VpcA) }, new[] { HaNatTable("rtb-b1", VpcB) });

            var ex = Assert.Throws<HaNatException>(() => Plan(snapshot));
            Assert.Equal("NotHaNatVpc", ex.ErrorId);
            if (!aIsHaNat) Assert.Contains(VpcA, ex.Message);
            if (!bIsHaNat) Assert.Contains(VpcB, ex.Message);
            Assert.Contains("-Force", ex.Message);

            var forced = Plan(snapshot, force: true);
            Assert.Equal(new[] { a, b }.Where(v => !v.IsHaNat), forced.ForcedVpcs);
            Assert.Equal(2, forced.Routes.Count);
        }

        [Fact]
        public void TheOverlapCheckComesEvenForAForcedForeignVpc()
        {
            var snapshot = Snapshot(ForeignVpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.1.0.0/16"), new[] { HaNatTable("rtb-a1", VpcA) }, new[] { HaNatTable("rtb-b1", VpcB) });
            Assert.Equal("OverlappingCidr", Assert.Throws<HaNatException>(() => Plan(snapshot, force: true)).ErrorId);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AnUnknownVpcIsRefused(bool localMissing)
        {
            var snapshot = localMissing
                ? Snapshot(null, Vpc(VpcB, "10.2.0.0/16"), new PeeringRouteTable[0], new PeeringRouteTable[0])
                : Snapshot(Vpc(VpcA, "10.1.0.0/16"), null, new PeeringRouteTable[0], new PeeringRouteTable[0]);

            var ex = Assert.Throws<HaNatException>(() => Plan(snapshot, force: true));

            Assert.Equal("VpcNotFound", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.ObjectNotFound, ex.Kind);
            Assert.Contains(localMissing ? VpcA : VpcB, ex.Message);
            Assert.Equal(!localMissing, ex.Message.Contains("-PeerRegion"));
        }

        [Theory]
        [InlineData(VpcA, VpcB)]
        [InlineData(VpcB, VpcA)]
        public void AnActiveConnectionInEitherDirectionIsReusedEvenUntagged(string requester, string accepter)
        {
            var plan = Plan(TwoVpcs(Connection("pcx-1", requester, accepter, PeeringStatus.Active, hanat: false)));

            Assert.Equal(ConnectionStep.Reuse, plan.Connection.Step);
            Assert.Equal("pcx-1", plan.Connection.Id);
            Assert.All(plan.Routes, r => Assert.Equal(RouteWrite.Create, r.Write));
        }

        [Theory]
        [InlineData(VpcA, VpcB, PeeringEnd.Peer)]
        [InlineData(VpcB, VpcA, PeeringEnd.Local)]
        public void APendingConnectionIsAcceptedByItsAccepter(string requester, string accepter, object expectedArgument)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var expected = (PeeringEnd)expectedArgument;
            var plan = Plan(TwoVpcs(Connection("pcx-1", requester, accepter, PeeringStatus.PendingAcceptance)));

            Assert.Equal(ConnectionStep.Accept, plan.Connection.Step);
            Assert.Equal("pcx-1", plan.Connection.Id);
            Assert.Equal(expected, plan.Connection.Accepter);
        }

        [Theory]
        [InlineData(PeeringStatus.Provisioning)]
        [InlineData(PeeringStatus.InitiatingRequest)]
        public void AConnectionOnItsWayIsAwaited(string status)
        {
            var plan = Plan(TwoVpcs(Connection("pcx-1", VpcA, VpcB, status)));
            Assert.Equal(ConnectionStep.AwaitActive, plan.Connection.Step);
        }

        [Theory]
        [InlineData(PeeringStatus.Deleted)]
        [InlineData(PeeringStatus.Deleting)]
        [InlineData(PeeringStatus.Rejected)]
        [InlineData(PeeringStatus.Failed)]
        [InlineData(PeeringStatus.Expired)]
        public void DeadConnectionsAreNotReused(string status)
        {
            var plan = Plan(TwoVpcs(Connection("pcx-old", VpcA, VpcB, status)));
            Assert.Equal(ConnectionStep.Create, plan.Connection.Step);
        }

        [Fact]
        public void TheActiveConnectionWinsOverAPendingOne()
        {
            var plan = Plan(TwoVpcs(
                Connection("pcx-0", VpcA, VpcB, PeeringStatus.PendingAcceptance),
                Connection("pcx-9", VpcB, VpcA, PeeringStatus.Active)));
            Assert.Equal("pcx-9", plan.Connection.Id);
            Assert.Equal(ConnectionStep.Reuse, plan.Connection.Step);
        }

        [Fact]
        public void RoutesAlreadyToTheConnectionAreUnchangedAndTheSecondRunWritesNothing()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, Local("10.1.0.0/16"), ToPeering("10.2.0.0/16", "pcx-1")) },
                new[] { HaNatTable("rtb-b1", VpcB, Local("10.2.0.0/16"), ToPeering("10.1.0.0/16", "pcx-1")) },
                Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active));

            var plan = Plan(snapshot);

            Assert.False(plan.HasWrites);
            Assert.All(plan.Routes, r => Assert.Equal(PeeringRouteAction.Unchanged, r.Action));
            Assert.All(plan.Routes, r => Assert.Equal(RouteWrite.None, r.Write));
            Assert.All(plan.Routes, r => Assert.Equal("pcx-1", r.PeeringConnectionId));
        }

        [Fact]
        public void ARouteToThePendingConnectionIsKeptWhateverItsStateSays()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, ToPeering("10.2.0.0/16", "pcx-1", blackhole: true)) },
                new[] { HaNatTable("rtb-b1", VpcB) },
                Connection("pcx-1", VpcA, VpcB, PeeringStatus.PendingAcceptance));

            var route = Plan(snapshot).Routes.Single(r => r.RouteTableId == "rtb-a1");

            Assert.Equal(PeeringRouteAction.Unchanged, route.Action);
        }

        [Fact]
        public void ARouteToSomethingElseIsAConflictLeftAloneUnlessForced()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, ToGateway("10.2.0.0/16", "tgw-1")) },
                new[] { HaNatTable("rtb-b1", VpcB) },
                Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active));

            var polite = Plan(snapshot).Routes.Single(r => r.RouteTableId == "rtb-a1");
            Assert.Equal(PeeringRouteAction.Conflict, polite.Action);
            Assert.Equal(RouteWrite.None, polite.Write);
            Assert.Equal("tgw-1", polite.ConflictingTarget);
            Assert.Single(Plan(snapshot).Conflicts);

            var forced = Plan(snapshot, force: true).Routes.Single(r => r.RouteTableId == "rtb-a1");
            Assert.Equal(PeeringRouteAction.Replaced, forced.Action);
            Assert.Equal(RouteWrite.Replace, forced.Write);
            Assert.Equal("tgw-1", forced.ConflictingTarget);
        }

        [Fact]
        public void ARouteToAnotherPeeringIsAConflictToo()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, ToPeering("10.2.0.0/16", "pcx-other")) },
                new[] { HaNatTable("rtb-b1", VpcB) },
                Connection("pcx-1", VpcA, VpcB, PeeringStatus.Active));

            var route = Plan(snapshot).Routes.Single(r => r.RouteTableId == "rtb-a1");

            Assert.Equal(PeeringRouteAction.Conflict, route.Action);
            Assert.Equal("pcx-other", route.ConflictingTarget);
        }

        [Fact]
        public void ABlackholeIsReplacedWithoutForce()
        {
            // What a deleted earlier peering leaves behind.
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, ToPeering("10.2.0.0/16", "pcx-old", blackhole: true)) },
                new[] { HaNatTable("rtb-b1", VpcB) },
                Connection("pcx-old", VpcA, VpcB, PeeringStatus.Deleted));

            var route = Plan(snapshot).Routes.Single(r => r.RouteTableId == "rtb-a1");

            Assert.Equal(PeeringRouteAction.Replaced, route.Action);
            Assert.Equal(RouteWrite.Replace, route.Write);
            Assert.Equal("pcx-old (blackhole)", route.ConflictingTarget);
        }

        [Fact]
        public void AMoreSpecificRouteInsideThePeersRangeIsNotTheRoutePeeringOwns()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA, ToGateway("10.2.5.0/24", "vgw-1")) },
                new[] { HaNatTable("rtb-b1", VpcB) });

            var route = Plan(snapshot).Routes.Single(r => r.RouteTableId == "rtb-a1");

            Assert.Equal(PeeringRouteAction.Created, route.Action);
            Assert.Equal("10.2.0.0/16", route.DestinationCidr);
        }

        [Fact]
        public void ASideWithoutHaNatTablesIsNamed()
        {
            var snapshot = Snapshot(Vpc(VpcA, "10.1.0.0/16"), Vpc(VpcB, "10.2.0.0/16"),
                new[] { HaNatTable("rtb-a1", VpcA) }, new[] { ForeignTable("rtb-bx", VpcB) });

            var plan = Plan(snapshot);

            Assert.Equal(VpcB, Assert.Single(plan.VpcsWithoutHaNatTables).Id);
            Assert.Equal("rtb-a1", Assert.Single(plan.Routes).RouteTableId);
        }

        [Fact]
        public void ResultsCarryTheConnectionOnceItIsKnown()
        {
            var created = Plan(TwoVpcs()).Routes.First();
            var result = created.ToResult("pcx-new");
            Assert.Equal("pcx-new", result.PeeringConnectionId);
            Assert.Equal(VpcA, result.VpcId);
            Assert.Equal(VpcB, result.PeerVpcId);
            Assert.Equal(PeeringRouteAction.Created, result.Action);
            Assert.Contains("create route 10.2.0.0/16 -> pcx-new", created.Describe("pcx-new"));
        }
    }
}
