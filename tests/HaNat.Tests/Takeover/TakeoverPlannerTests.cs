using System.Linq;
using HaNat;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Takeover;
using Xunit;

namespace HaNat.Tests.Takeover
{
    public class TakeoverPlannerTests
    {
        private const string Vpc = "vpc-1";
        private const string ZoneA = "us-east-1a";
        private static readonly InstanceInfo Nat = new InstanceInfo("i-nat", "running", ZoneA, Vpc, sourceDestCheck: false, new[] { "eni-nat" });

        private static SubnetInfo Private(string id, string zone = ZoneA) => new SubnetInfo(id, zone, "10.0.0.0/24");

        private static RouteTableInfo Table(string id, DefaultRoute? route, params string[] subnets) => new RouteTableInfo(id, false, subnets, route);

        private static RouteTableInfo MainTable(DefaultRoute? route = null) => new RouteTableInfo("rtb-main", true, new string[0], route);

        private static DefaultRoute ToInstance(string id, bool blackhole = false) => new DefaultRoute(RouteTargetKind.Instance, id, id, "eni-" + id, blackhole);

        private static TakeoverPlan Plan(VpcSnapshot snapshot, bool force = false, InstanceInfo? nat = null, string zone = ZoneA) =>
            TakeoverPlanner.Plan(nat ?? Nat, zone, snapshot, force);

        [Fact]
        public void MissingDefaultRouteIsCreated()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", null, "subnet-1") }));
            var write = Assert.Single(plan.Writes);
            Assert.Equal(RouteWriteKind.CreateRoute, write.Kind);
            Assert.Equal("rtb-1", write.RouteTableId);
            Assert.Equal(TakeoverAction.Created, plan.Subnets.Single().Action);
        }

        [Fact]
        public void RouteAlreadyToThisNatWritesNothing()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", ToInstance("i-nat"), "subnet-1") }));
            Assert.Empty(plan.Writes);
            Assert.False(plan.HasWrites);
            Assert.Equal(TakeoverAction.Unchanged, plan.Subnets.Single().Action);
        }

        [Fact]
        public void RouteToThisNatsInterfaceCountsAsOwned()
        {
            var viaEni = new DefaultRoute(RouteTargetKind.NetworkInterface, "eni-nat", null, "eni-nat", false);
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", viaEni, "subnet-1") }));
            Assert.Equal(TakeoverAction.Unchanged, plan.Subnets.Single().Action);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void RouteToAnotherInstanceOrBlackholeIsReplaced(bool blackhole)
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", ToInstance("i-old", blackhole), "subnet-1") }));
            var write = Assert.Single(plan.Writes);
            Assert.Equal(RouteWriteKind.ReplaceRoute, write.Kind);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
            Assert.StartsWith("i-old", plan.Subnets.Single().PreviousTarget);
        }

        // Make-before-break in a rolling replacement: a new NAT whose own host set-up or data-plane check failed never
        // takes its zone from the zone's NAT while that one runs; a table with nothing working behind it, it takes.
        private const string NotReady = "this NAT's data-plane check failed (Forward: FORWARD drops everything at `-A FORWARD -j DROP`)";

        private static VpcSnapshot WithInstances(DefaultRoute route, params InstanceInfo[] others) =>
            new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", route, "subnet-1") }, new[] { Nat }.Concat(others));

        private static InstanceInfo OldNat(string state) => new InstanceInfo("i-old", state, ZoneA, Vpc, sourceDestCheck: false, new[] { "eni-i-old" });

        [Fact]
        public void ANatThatIsNotReadyLeavesTheTableOnTheRunningNatItWouldReplace()
        {
            var plan = TakeoverPlanner.Plan(Nat, ZoneA, WithInstances(ToInstance("i-old"), OldNat("running")), false, null, NotReady);

            Assert.Empty(plan.Writes);
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.HeldOnNat, subnet.Action);
            Assert.Equal("i-old", subnet.Target);
            Assert.Equal(NotReady, plan.HeldBecause);
        }

        [Theory]
        [InlineData("terminated", false)]
        [InlineData("stopped", false)]
        [InlineData("running", true)]
        public void ANatThatIsNotReadyStillTakesARouteNothingCarries(string oldState, bool blackhole)
        {
            // A dead NAT (or a blackhole) carries nothing: any NAT is better than none.
            var plan = TakeoverPlanner.Plan(Nat, ZoneA, WithInstances(ToInstance("i-old", blackhole), OldNat(oldState)), false, null, NotReady);

            Assert.Single(plan.Writes);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
            Assert.Null(plan.HeldBecause);
        }

        [Fact]
        public void ANatThatIsNotReadyLeavesTheZonesAddressOnTheRunningNat()
        {
            var onOld = new AddressInfo("eipalloc-a", "203.0.113.10", "i-old");
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", ToInstance("i-old"), "subnet-1") },
                new[] { Nat, OldNat("running") }, new[] { onOld });

            Assert.Null(TakeoverPlanner.Plan(Nat, ZoneA, snapshot, false, null, NotReady).Address);
            Assert.Equal("eipalloc-a", TakeoverPlanner.Plan(Nat, ZoneA, snapshot, false, null, null).Address!.AllocationId);
        }

        [Fact]
        public void ANatThatIsReadyTakesTheTableFromTheRunningNat()
        {
            var plan = TakeoverPlanner.Plan(Nat, ZoneA, WithInstances(ToInstance("i-old"), OldNat("running")), false, null, null);
            Assert.Single(plan.Writes);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Fact]
        public void BlackholeToThisNatIsReplaced()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", ToInstance("i-nat", blackhole: true), "subnet-1") }));
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Theory]
        [InlineData(RouteTargetKind.NatGateway, "nat-1")]
        [InlineData(RouteTargetKind.TransitGateway, "tgw-1")]
        [InlineData(RouteTargetKind.VpnGateway, "vgw-1")]
        [InlineData(RouteTargetKind.PeeringConnection, "pcx-1")]
        [InlineData(RouteTargetKind.VpcEndpoint, "vpce-1")]
        [InlineData(RouteTargetKind.InternetGateway, "igw-1")]
        public void ForeignTargetIsLeftUnlessForced(object kindArgument, string id)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var kind = (RouteTargetKind)kindArgument;
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", new DefaultRoute(kind, id, null, null, false), "subnet-1") });

            var polite = Plan(snapshot);
            Assert.Empty(polite.Writes);
            Assert.Equal(TakeoverAction.LeftForeign, polite.Subnets.Single().Action);

            var forced = Plan(snapshot, force: true);
            var write = Assert.Single(forced.Writes);
            Assert.True(write.Foreign);
            Assert.Equal(TakeoverAction.ReplacedForeign, forced.Subnets.Single().Action);
        }

        [Fact]
        public void ForeignBlackholeIsReplacedWithoutForce()
        {
            var dead = new DefaultRoute(RouteTargetKind.NatGateway, "nat-1", null, null, blackhole: true);
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", dead, "subnet-1") }));
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Fact]
        public void SubnetOnMainTableGetsItsOwnTableAndMainIsNeverWritten()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1"), Private("subnet-2") }, new[] { MainTable(ToInstance("i-old")) }));
            Assert.Equal(2, plan.Writes.Count);
            Assert.All(plan.Writes, w => Assert.Equal(RouteWriteKind.NewRouteTable, w.Kind));
            Assert.All(plan.Writes, w => Assert.Null(w.RouteTableId));
            Assert.Equal(new[] { "subnet-1", "subnet-2" }, plan.Writes.Select(w => w.SubnetId));
            Assert.All(plan.Subnets, s => Assert.Equal(TakeoverAction.NewRouteTable, s.Action));
        }

        [Fact]
        public void ANewTableTakesTheMainTablesOtherRoutesAndNamesThoseItCannotCopy()
        {
            var main = new RouteTableInfo("rtb-main", true, new string[0], ToInstance("i-old"), otherRoutes: new[]
            {
                new OtherRoute("10.1.0.0/16", RouteTargetKind.PeeringConnection, "pcx-1"),
                new OtherRoute("192.168.0.0/16", RouteTargetKind.VpnGateway, "vgw-1", NotCopyable: "propagated from a virtual private gateway"),
                new OtherRoute("pl-123", RouteTargetKind.VpcEndpoint, "vpce-1", NotCopyable: "not an IPv4 block"),
            });
            var write = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { main })).Writes.Single();

            Assert.Equal(new[] { "10.1.0.0/16 -> pcx-1" }, write.CopiedRoutes.Select(r => r.ToString()));
            Assert.Equal(new[] { "192.168.0.0/16 -> vgw-1", "pl-123 -> vpce-1" }, write.NotCopied.Select(r => r.ToString()));
            var described = write.Describe("i-nat");
            Assert.Contains("and the main table's 10.1.0.0/16 -> pcx-1", described);
            Assert.Contains("not copyable: 192.168.0.0/16 -> vgw-1, pl-123 -> vpce-1", described);
        }

        [Fact]
        public void SharedTableIsWrittenOnce()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1"), Private("subnet-2") },
                new[] { MainTable(), Table("rtb-shared", ToInstance("i-old"), "subnet-1", "subnet-2") }));
            var write = Assert.Single(plan.Writes);
            Assert.Equal("rtb-shared", write.RouteTableId);
            Assert.Equal(2, plan.Subnets.Count);
            Assert.All(plan.Subnets, s => Assert.Same(write, s.Write));
            Assert.All(plan.Subnets, s => Assert.Equal(TakeoverAction.Replaced, s.Action));
        }

        [Fact]
        public void OnlyTheRequestedZoneIsPlanned()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-a"), Private("subnet-b", "us-east-1b") },
                new[] { MainTable(), Table("rtb-a", null, "subnet-a"), Table("rtb-b", null, "subnet-b") }), zone: "us-east-1b");
            Assert.Equal("rtb-b", Assert.Single(plan.Writes).RouteTableId);
            Assert.Equal("subnet-b", plan.Subnets.Single().Subnet.Id);
        }

        [Fact]
        public void SourceDestCheckIsTurnedOffOnlyWhenOn()
        {
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Table("rtb-1", ToInstance("i-nat"), "subnet-1") });
            var checking = new InstanceInfo("i-nat", "running", ZoneA, Vpc, sourceDestCheck: true, new[] { "eni-nat" });
            Assert.True(Plan(snapshot, nat: checking).DisableSourceDestCheck);
            Assert.False(Plan(snapshot).DisableSourceDestCheck);
        }

        [Fact]
        public void ZoneAddressIsAssociatedOnlyInOwnZoneAndOnlyIfNotYetHere()
        {
            var tables = new[] { MainTable(), Table("rtb-a", null, "subnet-a"), Table("rtb-b", null, "subnet-b") };
            var subnets = new[] { Private("subnet-a"), Private("subnet-b", "us-east-1b") };

            var free = new VpcSnapshot(Vpc, subnets, tables, null, new[] { new AddressInfo("eipalloc-1", "203.0.113.1", "i-old") });
            var planned = Plan(free).Address;
            Assert.NotNull(planned);
            Assert.Equal("eipalloc-1", planned!.AllocationId);
            Assert.Equal("i-old", planned.PreviousInstanceId);

            Assert.Null(Plan(free, zone: "us-east-1b").Address);

            var mine = new VpcSnapshot(Vpc, subnets, tables, null, new[] { new AddressInfo("eipalloc-1", "203.0.113.1", "i-nat") });
            Assert.Null(Plan(mine).Address);
        }

        [Theory]
        [InlineData("stopped")]
        [InlineData("terminated")]
        [InlineData("shutting-down")]
        public void InstanceThatIsNotRunningIsRefused(string state)
        {
            var stopped = new InstanceInfo("i-nat", state, ZoneA, Vpc, false);
            var ex = Assert.Throws<HaNatException>(() => Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable() }), nat: stopped));
            Assert.Equal("InstanceNotRunning", ex.ErrorId);
            Assert.Contains("i-nat", ex.Message);
        }

        [Fact]
        public void InstanceOutsideTheVpcIsRefused()
        {
            var elsewhere = new InstanceInfo("i-nat", "running", ZoneA, "vpc-other", false);
            var ex = Assert.Throws<HaNatException>(() => Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable() }), nat: elsewhere));
            Assert.Equal("InstanceNotInVpc", ex.ErrorId);
        }
    }
}
