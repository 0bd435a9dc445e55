using System.Collections.Generic;
using System.Linq;
using HaNat.Model;
using HaNat.Monitor;
using HaNat.Routing;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// The monitor in a VPC HaNat did not build, where a failed zone goes back to its NAT gateway rather than to this
    /// NAT: what it makes of the takeover, what it then believes, and that it neither re-takes the zone nor fights
    /// the zone's replacement NAT.
    /// </summary>
    public class NatGatewayFallbackTests
    {
        private const double Now = 1000;
        private static readonly FailoverSettings Settings = new FailoverSettings(1, 3);
        private static readonly FailoverAction TakeB = new FailoverAction(ActionKind.TakeOverZone, "i-b", "us-east-1b", "silent");

        private static TakeoverResult Result(TakeoverAction action, string target, string subnet = "subnet-1") =>
            new TakeoverResult(subnet, "rtb-" + subnet, "us-east-1b", action, "i-b", target, "i-a", "vpc-1");

        private static PeerView Peer(string id, string zone, double? lastBeat = Now - 0.5) =>
            new PeerView(id, zone, 0) { LastBeatAt = lastBeat, ReportsHealthy = true, Hears = new[] { "i-a" }, Listed = true };

        /// <summary>i-a decides; i-b (zone b) is silent, corroborated by i-c.</summary>
        private static FailoverDecisions Decide(FailoverState state, double now = Now) => FailoverPolicy.Step(state,
            new SelfView("i-a", "us-east-1a", true), new[] { Peer("i-b", "us-east-1b", lastBeat: now - 60), Peer("i-c", "us-east-1c", lastBeat: now - 0.5) }, now, Settings);

        // What the takeover came to.

        [Fact]
        public void AZoneSentBackToItsNatGatewayIsOwnedByTheGatewayNotThisNat()
        {
            var results = new[] { Result(TakeoverAction.NatGatewayFallback, "nat-b"), Result(TakeoverAction.NatGatewayFallback, "nat-b", "subnet-2") };
            Assert.True(TakeoverOutcome.Succeeded(results));
            Assert.Equal("nat-b", TakeoverOutcome.ZoneOwner(results, "i-a"));
        }

        [Fact]
        public void AZonePartlyOnThisNatIsThisNats()
        {
            var results = new[] { Result(TakeoverAction.NatGatewayFallback, "nat-b"), Result(TakeoverAction.Replaced, "i-a", "subnet-2") };
            Assert.True(TakeoverOutcome.Succeeded(results));
            Assert.Equal("i-a", TakeoverOutcome.ZoneOwner(results, "i-a"));
        }

        [Theory]
        [InlineData(TakeoverAction.LeftForeign)]
        [InlineData(TakeoverAction.LeftOnMainTable)]
        [InlineData(TakeoverAction.HeldOnNatGateway)]
        public void ATableLeftAsItWasMeansTheZoneIsNotServed(TakeoverAction left)
        {
            Assert.False(TakeoverOutcome.Succeeded(new[] { Result(TakeoverAction.Replaced, "i-a"), Result(left, "nat-x", "subnet-2") }));
        }

        [Fact]
        public void AnotherZonesTableCountsNeitherWay()
        {
            var results = new[] { Result(TakeoverAction.ServedByOtherZone, "i-c"), Result(TakeoverAction.Replaced, "i-a", "subnet-2") };
            Assert.True(TakeoverOutcome.Succeeded(results));
            Assert.Equal("i-a", TakeoverOutcome.ZoneOwner(results, "i-a"));
            Assert.False(TakeoverOutcome.Succeeded(new[] { Result(TakeoverAction.ServedByOtherZone, "i-c") }));
        }

        // The bookkeeping.

        [Fact]
        public void AfterAFallbackThisNatDoesNotThinkItCarriesTheZone()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12, zoneOwner: "nat-b");

            var input = state.InputFor(12, new SelfView("i-a", "us-east-1a", true), new List<PeerView>());
            Assert.Equal("nat-b", state.OwnerOf("us-east-1b"));
            Assert.Empty(input.TakenHere);
            Assert.Equal(new[] { "us-east-1b" }, input.OnNatGateway);
            Assert.Empty(input.InFlight);
        }

        [Fact]
        public void AReadThatShowsTheZoneElsewhereEndsTheFallback()
        {
            var state = new FailoverState("i-a");
            state.Finished(TakeB, true, 12, "nat-b");
            state.ApplyRouteRead(new Dictionary<string, string?> { ["us-east-1b"] = "nat-b" }, 13);
            Assert.Contains("us-east-1b", state.InputFor(13, new SelfView("i-a", "us-east-1a", true), new List<PeerView>()).OnNatGateway);

            state.ApplyRouteRead(new Dictionary<string, string?> { ["us-east-1b"] = "i-new" }, 14);
            Assert.Empty(state.InputFor(14, new SelfView("i-a", "us-east-1a", true), new List<PeerView>()).OnNatGateway);
            Assert.Equal("i-new", state.OwnerOf("us-east-1b"));
        }

        [Fact]
        public void TheZonesReplacementComingAliveClearsTheFallback()
        {
            var state = new FailoverState("i-a");
            state.Finished(TakeB, true, 12, "nat-b");
            state.PeerAlive("us-east-1b");
            Assert.Null(state.OwnerOf("us-east-1b"));
            Assert.Empty(state.InputFor(13, new SelfView("i-a", "us-east-1a", true), new List<PeerView>()).OnNatGateway);
        }

        [Fact]
        public void ATakeoverToThisNatStillMakesItTheOwner()
        {
            var state = new FailoverState("i-a");
            state.Finished(TakeB, true, 12, zoneOwner: null);
            Assert.Equal("i-a", state.OwnerOf("us-east-1b"));
            Assert.Equal(new[] { "us-east-1b" }, state.InputFor(12, new SelfView("i-a", "us-east-1a", true), new List<PeerView>()).TakenHere);
        }

        // The policy.

        [Fact]
        public void AZoneOnItsNatGatewayIsNotTakenAgainAfterTheCooldownButItsNatIsMarked()
        {
            var state = new FailoverState("i-a");
            var first = Decide(state);
            var take = Assert.Single(first.Actions, a => a.Kind == ActionKind.TakeOverZone);
            state.Finished(take, true, Now + 1, "nat-b");

            var later = Now + Settings.ZoneCooldownSeconds + Settings.GlobalWindowSeconds + 10;
            var again = Decide(state, later);

            var zone = Assert.Single(again.Zones);
            Assert.Equal(ZoneOutcome.OnNatGateway, zone.Outcome);
            Assert.DoesNotContain(again.Actions, a => a.Kind == ActionKind.TakeOverZone);
        }

        [Fact]
        public void AFreshReadShowingTheZoneOnANatGatewayLeavesItThereAndMarksTheFailedNat()
        {
            var input = new FailoverInput(Now, new SelfView("i-a", "us-east-1a", true), new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 60), Peer("i-c", "us-east-1c") })
            {
                RouteOwners = new Dictionary<string, string?> { ["us-east-1b"] = "nat-b" },
                RoutesReadAt = Now - 1,
            };
            var d = FailoverPolicy.Decide(input, Settings);
            Assert.Equal(ZoneOutcome.OnNatGateway, Assert.Single(d.Zones).Outcome);
            var mark = Assert.Single(d.Actions);
            Assert.Equal(ActionKind.MarkUnhealthy, mark.Kind);
            Assert.Equal("i-b", mark.InstanceId);
        }

        [Fact]
        public void AStaleReadOfANatGatewayDoesNotHoldTheZone()
        {
            // A read older than the detection window may predate the gateway's failure: the takeover re-reads and decides.
            var input = new FailoverInput(Now, new SelfView("i-a", "us-east-1a", true), new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 60), Peer("i-c", "us-east-1c") })
            {
                RouteOwners = new Dictionary<string, string?> { ["us-east-1b"] = "nat-b" },
                RoutesReadAt = Now - 600,
            };
            Assert.Equal(ZoneOutcome.TakeOver, Assert.Single(FailoverPolicy.Decide(input, Settings).Zones).Outcome);
        }

        [Fact]
        public void TheZonesReplacementNatIsNeverFought()
        {
            // The replacement of i-b is alive in zone b and took the zone back from the gateway: nothing to decide.
            var state = new FailoverState("i-a");
            state.Finished(TakeB, true, Now - 100, "nat-b");
            var d = FailoverPolicy.Step(state, new SelfView("i-a", "us-east-1a", true),
                new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 60), Peer("i-b2", "us-east-1b"), Peer("i-c", "us-east-1c") }, Now, Settings);
            Assert.Empty(d.Zones);
            Assert.Empty(d.Actions);
        }

        // Who the routes say serves a zone.

        [Fact]
        public void RouteOwnershipNamesTheNatGatewayAZoneRoutesTo()
        {
            var subnets = new[] { new SubnetInfo("subnet-b1", "us-east-1b", "10.0.3.0/24"), new SubnetInfo("subnet-b2", "us-east-1b", "10.0.4.0/24") };
            var tables = new[]
            {
                new RouteTableInfo("rtb-b1", false, new[] { "subnet-b1" }, new DefaultRoute(RouteTargetKind.NatGateway, "nat-b", null, null, false)),
                new RouteTableInfo("rtb-b2", false, new[] { "subnet-b2" }, new DefaultRoute(RouteTargetKind.NatGateway, "nat-b", null, null, false)),
            };
            Assert.Equal("nat-b", RouteOwnership.Compute(new VpcSnapshot("vpc-1", subnets, tables))["us-east-1b"]);

            var blackholed = new[] { new RouteTableInfo("rtb-b1", false, new[] { "subnet-b1", "subnet-b2" }, new DefaultRoute(RouteTargetKind.NatGateway, "nat-b", null, null, true)) };
            Assert.Null(RouteOwnership.Compute(new VpcSnapshot("vpc-1", subnets, blackholed))["us-east-1b"]);
            Assert.True(RouteOwnership.IsNatGateway("nat-b"));
            Assert.False(RouteOwnership.IsNatGateway("i-b"));
            Assert.False(RouteOwnership.IsNatGateway(null));
        }

        [Fact]
        public void ASubnetOnAServedTableCountsForTheZoneThatServesIt()
        {
            // subnet-b2 (zone b) shares zone a's served table: it is zone a's NAT's, and zone b is still i-b's alone.
            DefaultRoute To(string id) => new DefaultRoute(RouteTargetKind.Instance, id, id, null, false);
            var served = new Dictionary<string, string> { [HaNatTags.ServedBy] = "prod", [HaNatTags.Zone] = "us-east-1a" };
            var subnets = new[]
            {
                new SubnetInfo("subnet-a1", "us-east-1a", "10.0.1.0/24"), new SubnetInfo("subnet-b1", "us-east-1b", "10.0.3.0/24"),
                new SubnetInfo("subnet-b2", "us-east-1b", "10.0.4.0/24"),
            };
            var tables = new[]
            {
                new RouteTableInfo("rtb-shared", false, new[] { "subnet-a1", "subnet-b2" }, To("i-a"), served),
                new RouteTableInfo("rtb-b", false, new[] { "subnet-b1" }, To("i-b")),
            };
            var owners = RouteOwnership.Compute(new VpcSnapshot("vpc-1", subnets, tables));
            Assert.Equal("i-a", owners["us-east-1a"]);
            Assert.Equal("i-b", owners["us-east-1b"]);
        }
    }
}
