using System.Collections.Generic;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// The failover bookkeeping between decisions, as pure logic: what the loop tells it (a route read, a peer alive
    /// again, an action started or finished) and what the policy then reads from it.
    /// </summary>
    public class FailoverStateTests
    {
        private static readonly FailoverSettings Settings = new FailoverSettings(1, 3);
        private static readonly FailoverAction TakeB = new FailoverAction(ActionKind.TakeOverZone, "i-b", "us-east-1b", "silent");
        private static readonly FailoverAction MarkB = new FailoverAction(ActionKind.MarkUnhealthy, "i-b", "us-east-1b", "silent");

        private static FailoverInput Input(FailoverState state, double now) =>
            state.InputFor(now, new SelfView("i-a", "us-east-1a", true), new List<PeerView>());

        private static Dictionary<string, string?> Owners(params (string Zone, string? Owner)[] pairs)
        {
            var owners = new Dictionary<string, string?>();
            foreach (var (zone, owner) in pairs) owners[zone] = owner;
            return owners;
        }

        [Fact]
        public void A_new_state_knows_nothing()
        {
            var input = Input(new FailoverState("i-a"), 10);
            Assert.Null(input.RoutesReadAt);
            Assert.Empty(input.RouteOwners);
            Assert.Empty(input.Takeovers);
            Assert.Empty(input.InFlight);
            Assert.Empty(input.Marked);
            Assert.Empty(input.TakenHere);
        }

        [Fact]
        public void A_started_takeover_is_recorded_and_in_flight_until_it_finishes()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            var input = Input(state, 10);
            var record = Assert.Single(input.Takeovers);
            Assert.Equal(("us-east-1b", "i-b", 10.0), (record.Zone, record.FailedInstanceId, record.At));
            Assert.Equal(new[] { "us-east-1b" }, input.InFlight);
            Assert.Empty(input.Marked);

            state.Finished(TakeB, succeeded: false, now: 12);
            input = Input(state, 12);
            Assert.Empty(input.InFlight);
            Assert.Empty(input.TakenHere);
            Assert.Null(state.OwnerOf("us-east-1b"));
            Assert.Single(input.Takeovers); // a failed takeover still counts against the rate limits
        }

        [Fact]
        public void A_takeover_that_went_through_makes_this_NAT_the_owner()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12);
            Assert.Equal("i-a", state.OwnerOf("us-east-1b"));
            Assert.Equal(new[] { "us-east-1b" }, Input(state, 12).TakenHere);
            Assert.Equal("i-a", Input(state, 12).RouteOwners["us-east-1b"]);
        }

        [Fact]
        public void A_mark_is_remembered_and_never_in_flight()
        {
            var state = new FailoverState("i-a");
            state.Started(MarkB, 10);
            state.Finished(MarkB, succeeded: true, now: 11);
            var input = Input(state, 11);
            Assert.Equal(new[] { "i-b" }, input.Marked);
            Assert.Empty(input.Takeovers);
            Assert.Empty(input.InFlight);
            Assert.Empty(input.TakenHere);
        }

        [Fact]
        public void A_route_read_replaces_the_owners_and_its_time()
        {
            var state = new FailoverState("i-a");
            state.ApplyRouteRead(Owners(("us-east-1a", "i-a"), ("us-east-1b", "i-b")), 5);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-c")), 7);
            var input = Input(state, 8);
            Assert.Equal(7, input.RoutesReadAt);
            Assert.Equal(Owners(("us-east-1b", "i-c")), input.RouteOwners);
        }

        [Fact]
        public void A_read_begun_after_the_takeover_that_shows_the_zone_elsewhere_wins()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-c")), 13);
            Assert.Empty(Input(state, 13).TakenHere);
            Assert.Equal("i-c", state.OwnerOf("us-east-1b"));
        }

        [Fact]
        public void A_read_begun_before_the_takeover_does_not_undo_it()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-b")), 11);
            Assert.Equal(new[] { "us-east-1b" }, Input(state, 13).TakenHere);
        }

        [Fact]
        public void A_later_read_that_confirms_the_takeover_keeps_it()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-a")), 14);
            Assert.Equal(new[] { "us-east-1b" }, Input(state, 14).TakenHere);
        }

        [Fact]
        public void A_peer_alive_again_takes_its_zone_back_from_this_NAT()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            state.Finished(TakeB, succeeded: true, now: 12);
            state.PeerAlive("us-east-1b");
            Assert.Null(state.OwnerOf("us-east-1b"));
            Assert.False(Input(state, 13).RouteOwners.ContainsKey("us-east-1b"));
            Assert.Empty(Input(state, 13).TakenHere);
        }

        [Fact]
        public void A_peer_alive_again_leaves_another_owner_known()
        {
            var state = new FailoverState("i-a");
            state.ApplyRouteRead(Owners(("us-east-1b", "i-b")), 5);
            state.PeerAlive("us-east-1b");
            Assert.Equal("i-b", state.OwnerOf("us-east-1b"));
        }

        [Fact]
        public void Takeovers_are_forgotten_once_no_rate_limit_looks_back_that_far()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            var horizon = System.Math.Max(Settings.GlobalWindowSeconds, Settings.ZoneCooldownSeconds);
            state.Prune(10 + horizon, Settings);
            Assert.Single(Input(state, 10 + horizon).Takeovers);
            state.Prune(10 + horizon + 0.01, Settings);
            Assert.Empty(Input(state, 11 + horizon).Takeovers);
        }

        [Fact]
        public void A_policy_step_forgets_takeovers_past_every_rate_limit()
        {
            var state = new FailoverState("i-a");
            state.Started(TakeB, 10);
            var horizon = System.Math.Max(Settings.GlobalWindowSeconds, Settings.ZoneCooldownSeconds);
            FailoverPolicy.Step(state, new SelfView("i-a", "us-east-1a", true), new List<PeerView>(), 11 + horizon, Settings);
            Assert.Empty(Input(state, 11 + horizon).Takeovers);
        }

        [Fact]
        public void The_input_is_a_copy_that_later_changes_do_not_touch()
        {
            var state = new FailoverState("i-a");
            var before = Input(state, 10);
            state.Started(TakeB, 10);
            state.Started(MarkB, 10);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-b")), 10);
            Assert.Empty(before.Takeovers);
            Assert.Empty(before.InFlight);
            Assert.Empty(before.Marked);
            Assert.Empty(before.RouteOwners);
        }

        [Fact]
        public void A_policy_step_records_its_actions_and_does_not_take_a_zone_twice()
        {
            // i-b silent, corroborated by i-c: this NAT (lowest id) takes us-east-1b once; while in flight, then after, it does not again.
            var state = new FailoverState("i-a");
            var peers = new List<PeerView>
            {
                new PeerView("i-b", "us-east-1b", 0) { LastBeatAt = 90 },
                new PeerView("i-c", "us-east-1c", 0) { LastBeatAt = 99.5, Hears = new[] { "i-a" } },
            };
            var self = new SelfView("i-a", "us-east-1a", true);
            var first = FailoverPolicy.Step(state, self, peers, 100, Settings);
            Assert.Contains(first.Actions, a => a.Kind == ActionKind.TakeOverZone && a.Zone == "us-east-1b");
            Assert.Equal(new[] { "us-east-1b" }, state.InputFor(100, self, peers).InFlight);
            Assert.Equal(new[] { "i-b" }, state.InputFor(100, self, peers).Marked);

            var inFlight = FailoverPolicy.Step(state, self, peers, 100.1, Settings);
            Assert.DoesNotContain(inFlight.Actions, a => a.Kind == ActionKind.TakeOverZone);
            Assert.Contains(inFlight.Zones, z => z.Zone == "us-east-1b" && z.Outcome == ZoneOutcome.InProgress);

            state.Finished(TakeB, succeeded: true, now: 101);
            var after = FailoverPolicy.Step(state, self, peers, 101.1, Settings);
            Assert.Empty(after.Actions);
            Assert.Contains(after.Zones, z => z.Zone == "us-east-1b" && z.Outcome == ZoneOutcome.AlreadyOwned);
        }
    }
}
