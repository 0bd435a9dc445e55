using System.Collections.Generic;
using System.Linq;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;
using HaNat.Takeover;
using Xunit;

namespace HaNat.Tests.Takeover
{
    /// <summary>
    /// The takeover in a VPC HaNat did not build (Add-HaNatVpc, private-subnet tag hanat:served-by=N): served tables
    /// on NAT gateways, the other zone's tables, the NAT gateway as a failed zone's fallback, make-before-break.
    /// </summary>
    public class ServedTakeoverPlannerTests
    {
        private const string Vpc = "vpc-1";
        private const string ZoneA = "us-east-1a";
        private const string ZoneB = "us-east-1b";
        private const string Deployment = "prod";
        private const string NotReady = "this NAT's data-plane check failed (IpForward: net.ipv4.ip_forward=0)";

        /// <summary>The NAT of zone A.</summary>
        private static readonly InstanceInfo NatA = new InstanceInfo("i-nat-a", "running", ZoneA, Vpc, sourceDestCheck: false, new[] { "eni-a" });
        /// <summary>The NAT of zone B, taking zone A over when A's NAT failed.</summary>
        private static readonly InstanceInfo NatB = new InstanceInfo("i-nat-b", "running", ZoneB, Vpc, sourceDestCheck: false, new[] { "eni-b" });

        private static SubnetInfo Private(string id, string zone = ZoneA) => new SubnetInfo(id, zone, "10.0.0.0/24");

        private static RouteTableInfo MainTable(DefaultRoute? route = null) => new RouteTableInfo("rtb-main", true, new string[0], route);

        /// <summary>A table as Add-HaNatVpc tags it: served by the deployment, for a zone, with its default route's target before HaNat.</summary>
        private static RouteTableInfo Served(string id, DefaultRoute? route, string zone = ZoneA, string? restore = null, string deployment = Deployment,
            params string[] subnets)
        {
            var tags = new Dictionary<string, string> { [HaNatTags.ServedBy] = deployment, [HaNatTags.Zone] = zone };
            if (restore != null) tags[HaNatTags.RestoreDefault] = restore;
            return new RouteTableInfo(id, false, subnets.Length == 0 ? new[] { "subnet-1" } : subnets, route, tags);
        }

        private static RouteTableInfo Unserved(string id, DefaultRoute? route) => new RouteTableInfo(id, false, new[] { "subnet-1" }, route);

        private static DefaultRoute ToGateway(string id, bool blackhole = false) => new DefaultRoute(RouteTargetKind.NatGateway, id, null, null, blackhole);

        private static DefaultRoute ToInstance(string id, bool blackhole = false) => new DefaultRoute(RouteTargetKind.Instance, id, id, "eni-" + id, blackhole);

        private static VpcSnapshot Snapshot(RouteTableInfo table, params NatGatewayInfo[] gateways) =>
            new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), table }, natGateways: gateways);

        private static TakeoverPlan Plan(VpcSnapshot snapshot, InstanceInfo? nat = null, string zone = ZoneA, string? hold = null, bool force = false,
            string? servedBy = Deployment) =>
            TakeoverPlanner.Plan(nat ?? NatA, zone, snapshot, force, servedBy, hold);

        private static NatGatewayInfo Available(string id) => new NatGatewayInfo(id, "available");

        // Rule 1: a served table on a NAT gateway is the zone NAT's to take, without -Force.

        [Fact]
        public void TheZonesNatTakesAServedTableFromItsNatGatewayWithoutForce()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-1"), restore: "nat-1"), Available("nat-1")));

            var write = Assert.Single(plan.Writes);
            Assert.Equal(RouteWriteKind.ReplaceRoute, write.Kind);
            Assert.Null(write.NatGatewayId);
            Assert.False(write.Foreign);
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.Replaced, subnet.Action);
            Assert.Equal("nat-1", subnet.PreviousTarget);
            Assert.Null(plan.HeldBecause);
        }

        [Fact]
        public void AnUnservedTableOnANatGatewayIsStillLeftForeign()
        {
            var plan = Plan(Snapshot(Unserved("rtb-1", ToGateway("nat-1")), Available("nat-1")));
            Assert.Empty(plan.Writes);
            Assert.Equal(TakeoverAction.LeftForeign, plan.Subnets.Single().Action);
            Assert.Equal("nat-1", plan.Subnets.Single().Target);
        }

        [Fact]
        public void ATableServedByAnotherDeploymentIsNotThisDeploymentsToWrite()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToInstance("i-old"), deployment: "staging")));
            Assert.Empty(plan.Writes);
            Assert.Equal(TakeoverAction.LeftForeign, plan.Subnets.Single().Action);
        }

        [Fact]
        public void InAVpcHaNatBuiltTheServedTagsChangeNothing()
        {
            // network=private: a route to a NAT gateway stays foreign, whatever tags the table carries.
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-1"), restore: "nat-1"), Available("nat-1")), servedBy: null);
            Assert.Equal(TakeoverAction.LeftForeign, plan.Subnets.Single().Action);
        }

        [Theory]
        [InlineData(true, "available")]
        [InlineData(false, "deleted")]
        [InlineData(false, "failed")]
        public void ADeadNatGatewaysTableIsTakenEvenWhenTheNatIsNotReady(bool blackhole, string state)
        {
            // A route to a gateway that carries nothing (a blackhole, or a gateway deleted or failed) is no working egress
            // to keep: the zone's NAT takes it as today.
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-1", blackhole)), new NatGatewayInfo("nat-1", state)), hold: NotReady);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
            Assert.Single(plan.Writes);
        }

        [Fact]
        public void AGatewayEc2NoLongerListsIsDead()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-gone"))), hold: NotReady);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        // Rule 2: a served table of another zone's NAT is not written.

        [Fact]
        public void ATableServedByAnotherZonesNatIsNotWritten()
        {
            // A table shared by subnets of two zones, that Add-HaNatVpc gave to zone B's NAT.
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") },
                new[] { MainTable(), Served("rtb-1", ToInstance("i-nat-b"), zone: ZoneB, restore: "nat-b") });

            var plan = Plan(snapshot);

            Assert.Empty(plan.Writes);
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.ServedByOtherZone, subnet.Action);
            Assert.Equal("i-nat-b", subnet.Target);
        }

        [Fact]
        public void ATableServedByAnotherZoneWithNoRouteNamesNone()
        {
            var plan = Plan(new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Served("rtb-1", null, zone: ZoneB) }));
            Assert.Equal(TakeoverPlanner.NoRoute, plan.Subnets.Single().Target);
            Assert.Empty(plan.Writes);
        }

        // Rule 3: a peer's failover falls back to the zone's NAT gateway.

        [Fact]
        public void APeerSendsAFailedZonesTableBackToItsAvailableNatGateway()
        {
            var snapshot = Snapshot(Served("rtb-1", ToInstance("i-nat-a"), restore: "nat-a"), Available("nat-a"));

            var plan = Plan(snapshot, nat: NatB, zone: ZoneA);

            var write = Assert.Single(plan.Writes);
            Assert.Equal(RouteWriteKind.ReplaceRoute, write.Kind);
            Assert.Equal("nat-a", write.NatGatewayId);
            Assert.Equal("nat-a", write.TargetFor(NatB.Id));
            Assert.Contains("with -> nat-a in rtb-1", write.Describe(NatB.Id));
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.NatGatewayFallback, subnet.Action);
            Assert.Equal("nat-a", subnet.Target);
            Assert.Null(plan.Address); // a peer never takes the zone's Elastic IP
        }

        [Fact]
        public void APeerCreatesTheRouteToTheNatGatewayWhenTheTableHasNone()
        {
            var plan = Plan(Snapshot(Served("rtb-1", null, restore: "nat-a"), Available("nat-a")), nat: NatB);
            var write = Assert.Single(plan.Writes);
            Assert.Equal(RouteWriteKind.CreateRoute, write.Kind);
            Assert.Equal("nat-a", write.NatGatewayId);
        }

        [Fact]
        public void APeerLeavesATableAlreadyOnTheZonesNatGateway()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-a"), restore: "nat-a"), Available("nat-a")), nat: NatB);
            Assert.Empty(plan.Writes);
            Assert.False(plan.HasWrites);
            Assert.Equal(TakeoverAction.NatGatewayFallback, plan.Subnets.Single().Action);
            Assert.Equal("nat-a", plan.Subnets.Single().Target);
        }

        [Fact]
        public void APeerLeavesATableOnAnotherWorkingNatGatewayOfTheZone()
        {
            // Someone moved the table to another gateway since Add-HaNatVpc: it works, and it is in the zone.
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-new"), restore: "nat-old"), Available("nat-new")), nat: NatB);
            Assert.Empty(plan.Writes);
            Assert.Equal("nat-new", plan.Subnets.Single().Target);
        }

        [Theory]
        [InlineData("deleted")]
        [InlineData("failed")]
        [InlineData("deleting")]
        [InlineData("pending")]
        [InlineData(null)]
        public void WithNoAvailableNatGatewayThePeerTakesTheZoneAsToday(string? state)
        {
            var gateways = state == null ? new NatGatewayInfo[0] : new[] { new NatGatewayInfo("nat-a", state) };
            var plan = Plan(Snapshot(Served("rtb-1", ToInstance("i-nat-a"), restore: "nat-a"), gateways), nat: NatB);

            var write = Assert.Single(plan.Writes);
            Assert.Null(write.NatGatewayId);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Fact]
        public void WithNoNatGatewayRecordedThePeerTakesTheZoneAsToday()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToInstance("i-nat-a"), restore: HaNatTags.NoDefaultRoute), Available("nat-a")), nat: NatB);
            Assert.Null(Assert.Single(plan.Writes).NatGatewayId);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Fact]
        public void APeerReplacesABlackholedGatewayRouteWithItself()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-a", blackhole: true), restore: "nat-a")), nat: NatB);
            Assert.Null(Assert.Single(plan.Writes).NatGatewayId);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        [Fact]
        public void TheZonesOwnNatTakesTheTableBackFromTheNatGateway()
        {
            // The replacement NAT of zone A boots after the fallback: it takes the table from the gateway to itself.
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-a"), restore: "nat-a"), Available("nat-a")), nat: NatA);
            var write = Assert.Single(plan.Writes);
            Assert.Null(write.NatGatewayId);
            Assert.Equal(TakeoverAction.Replaced, plan.Subnets.Single().Action);
        }

        // Rule 4: make-before-break.

        [Fact]
        public void ANatWhoseDataPlaneFailedLeavesTheTableOnItsWorkingNatGateway()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToGateway("nat-a"), restore: "nat-a"), Available("nat-a")), hold: NotReady);

            Assert.Empty(plan.Writes);
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.HeldOnNatGateway, subnet.Action);
            Assert.Equal("nat-a", subnet.Target);
            Assert.Equal(NotReady, plan.HeldBecause);
        }

        [Fact]
        public void ANatWhoseDataPlaneFailedLeavesAServedTableOnTheZonesRunningNat()
        {
            // A rolling replacement in an added VPC: the zone's old NAT still runs and carries the zone.
            var old = new InstanceInfo("i-old-a", "running", ZoneA, Vpc, sourceDestCheck: false, new[] { "eni-old-a" });
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(), Served("rtb-1", ToInstance("i-old-a"), restore: "nat-a") },
                new[] { NatA, old }, natGateways: new[] { Available("nat-a") });

            var plan = Plan(snapshot, hold: NotReady);

            Assert.Empty(plan.Writes);
            Assert.Equal(TakeoverAction.HeldOnNat, plan.Subnets.Single().Action);
            Assert.Equal(NotReady, plan.HeldBecause);
        }

        [Fact]
        public void ANatThatIsNotReadyStillTakesTablesWithNoWorkingRoute()
        {
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1"), Private("subnet-2"), Private("subnet-3") }, new[]
            {
                MainTable(),
                Served("rtb-1", null, restore: HaNatTags.NoDefaultRoute, subnets: "subnet-1"),
                Served("rtb-2", ToInstance("i-dead", blackhole: true), subnets: "subnet-2"),
                Served("rtb-3", ToGateway("nat-a"), restore: "nat-a", subnets: "subnet-3"),
            }, natGateways: new[] { Available("nat-a") });

            var plan = Plan(snapshot, hold: NotReady);

            Assert.Equal(new[] { "rtb-1", "rtb-2" }, plan.Writes.Select(w => w.RouteTableId));
            Assert.Equal(new[] { TakeoverAction.Created, TakeoverAction.Replaced, TakeoverAction.HeldOnNatGateway }, plan.Subnets.Select(s => s.Action));
        }

        [Fact]
        public void NothingHeldMeansNoReason()
        {
            var plan = Plan(Snapshot(Served("rtb-1", ToInstance("i-dead")), Available("nat-a")), hold: NotReady);
            Assert.Null(plan.HeldBecause);
        }

        // No table is made in a VPC HaNat did not build.

        [Fact]
        public void ASubnetOnTheMainTableOfAnAddedVpcIsLeftThere()
        {
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1") }, new[] { MainTable(ToGateway("nat-a")) }, natGateways: new[] { Available("nat-a") });

            var plan = Plan(snapshot);

            Assert.Empty(plan.Writes);
            var subnet = plan.Subnets.Single();
            Assert.Equal(TakeoverAction.LeftOnMainTable, subnet.Action);
            Assert.Equal("nat-a", subnet.Target);
        }

        [Fact]
        public void TheServedRulesApplyPerTableAndASharedTableIsWrittenOnce()
        {
            var snapshot = new VpcSnapshot(Vpc, new[] { Private("subnet-1"), Private("subnet-2") },
                new[] { MainTable(), Served("rtb-1", ToGateway("nat-a"), restore: "nat-a", subnets: new[] { "subnet-1", "subnet-2" }) },
                natGateways: new[] { Available("nat-a") });
            var plan = Plan(snapshot, nat: NatB);
            Assert.Empty(plan.Writes);
            Assert.All(plan.Subnets, s => Assert.Equal(TakeoverAction.NatGatewayFallback, s.Action));

            var back = Plan(snapshot);
            var write = Assert.Single(back.Writes);
            Assert.All(back.Subnets, s => Assert.Same(write, s.Write));
        }

        [Fact]
        public void TheDeploymentIsTheServedByTagsValue()
        {
            Assert.Equal("prod", ServedTables.DeploymentOf(PrivateSubnetTag.Parse("hanat:served-by=prod")));
            Assert.Null(ServedTables.DeploymentOf(PrivateSubnetTag.Parse(null)));
            Assert.Null(ServedTables.DeploymentOf(PrivateSubnetTag.Parse("tier=private")));
        }
    }
}
