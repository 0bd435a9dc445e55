using System.Collections.Generic;
using System.Linq;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// A takeover or mark that EC2 failed (throttled, 5xx, no answer), through the bookkeeping and the policy as the loop
    /// drives them: tried again on the retry policy's short cadence, not after the zone's 10 s cool-down; never by a NAT
    /// that is not the zone's one taker; and without using up the NAT's takeovers.
    /// </summary>
    public class Ec2RetryStateTests
    {
        private static readonly FailoverSettings Settings = new FailoverSettings();
        private const double Start = 1000;

        /// <summary>i-a (self, the lowest id: the taker) and i-c hear each other; i-b has been silent for 5 s, so its zone is failed.</summary>
        private static IReadOnlyList<PeerView> Peers(double now) => new[]
        {
            new PeerView("i-b", "us-east-1b", 0) { LastBeatAt = Start - 5, ReportsHealthy = true, Listed = true },
            new PeerView("i-c", "us-east-1c", 0) { LastBeatAt = now - 0.2, ReportsHealthy = true, Listed = true, Hears = new[] { "i-a" } },
        };

        private static FailoverDecisions Step(FailoverState state, double now, string self = "i-a") =>
            FailoverPolicy.Step(state, new SelfView(self, self == "i-a" ? "us-east-1a" : "us-east-1c", true),
                self == "i-a" ? Peers(now) : new[] { Peers(now)[0], new PeerView("i-a", "us-east-1a", 0) { LastBeatAt = now - 0.2, ReportsHealthy = true, Listed = true, Hears = new[] { "i-c" } } },
                now, Settings);

        private static FailoverAction TakeoverOf(FailoverDecisions decisions) => Assert.Single(decisions.Actions, a => a.Kind == ActionKind.TakeOverZone);

        private static ZoneOutcome OutcomeOf(FailoverDecisions decisions) => Assert.Single(decisions.Zones).Outcome;

        [Fact]
        public void A_takeover_ec2_failed_is_tried_again_within_a_second_not_after_the_cool_down()
        {
            var state = new FailoverState("i-a");
            var first = TakeoverOf(Step(state, Start));
            state.Finished(first, succeeded: false, now: Start + 0.05, transient: true);

            // The wait (0.25 s at most for the first) holds it back, then it is taken again.
            Assert.Equal(ZoneOutcome.RateLimited, OutcomeOf(Step(state, Start + 0.1)));
            Assert.Equal(ZoneOutcome.TakeOver, OutcomeOf(Step(state, Start + 0.35)));
        }

        [Fact]
        public void An_attempt_that_ran_into_its_timeout_is_followed_at_once()
        {
            var state = new FailoverState("i-a");
            var first = TakeoverOf(Step(state, Start));
            // Its call got no answer: it ended 2 s later, on the call's timeout. That was the wait.
            state.Finished(first, succeeded: false, now: Start + 2.05, transient: true);
            Assert.Equal(ZoneOutcome.TakeOver, OutcomeOf(Step(state, Start + 2.1)));
        }

        [Fact]
        public void A_takeover_that_failed_otherwise_still_waits_the_cool_down()
        {
            var state = new FailoverState("i-a");
            state.Finished(TakeoverOf(Step(state, Start)), succeeded: false, now: Start + 0.05);
            Assert.Equal(ZoneOutcome.RateLimited, OutcomeOf(Step(state, Start + 5)));
            Assert.Equal(ZoneOutcome.TakeOver, OutcomeOf(Step(state, Start + Settings.ZoneCooldownSeconds + 0.1)));
        }

        [Fact]
        public void Retries_come_at_most_a_second_apart_and_at_least_an_eighth_however_long_ec2_fails()
        {
            var state = new FailoverState("i-a");
            var now = Start;
            var attempts = new List<double>();
            // Forty seconds of EC2 failing every attempt at once, the loop stepping every 0.1 s.
            while (now < Start + 40)
            {
                var decisions = Step(state, now);
                var takeover = decisions.Actions.FirstOrDefault(a => a.Kind == ActionKind.TakeOverZone);
                if (takeover != null)
                {
                    attempts.Add(now);
                    state.Finished(takeover, succeeded: false, now: now + 0.01, transient: true);
                }
                now += 0.1;
            }
            var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
            Assert.All(gaps, gap => Assert.InRange(gap, 0.1, 1.0 + 0.1 + 1e-9));
            // Bounded: no more than one attempt per step even at first, about one a second after the first few.
            Assert.InRange(attempts.Count, 35, 60);
            Assert.Equal(attempts.Count, state.FailuresOf("us-east-1b"));
        }

        [Fact]
        public void Failed_attempts_use_up_none_of_the_nat_s_takeovers()
        {
            var state = new FailoverState("i-a");
            var now = Start;
            for (var i = 0; i < 3 * Settings.GlobalMaxTakeovers; i++)
            {
                var takeover = TakeoverOf(Step(state, now));
                state.Finished(takeover, succeeded: false, now: now, transient: true);
                now += 1.1;
            }
            // EC2 is back: the next attempt goes through, and it is the one takeover the rate limits count.
            var last = TakeoverOf(Step(state, now));
            state.Finished(last, succeeded: true, now: now + 0.1);
            var input = state.InputFor(now + 0.2, new SelfView("i-a", "us-east-1a", true), Peers(now + 0.2));
            Assert.Single(input.Takeovers);
            Assert.Equal(0, state.FailuresOf("us-east-1b"));
            Assert.DoesNotContain(input.RetryAt, r => r.Value > now + 0.2);
        }

        [Fact]
        public void Once_the_fast_retries_are_used_up_the_cool_down_paces_the_attempts()
        {
            var state = new FailoverState("i-a", new Ec2RetryPolicy(maxFastRetries: 2));
            var now = Start;
            for (var i = 0; i < 3; i++)
            {
                state.Finished(TakeoverOf(Step(state, now)), succeeded: false, now: now, transient: true);
                now += 1.1;
            }
            Assert.Equal(ZoneOutcome.RateLimited, OutcomeOf(Step(state, now)));
            Assert.Equal(ZoneOutcome.RateLimited, OutcomeOf(Step(state, now + 5)));
            Assert.Equal(ZoneOutcome.TakeOver, OutcomeOf(Step(state, now - 1.1 + Settings.ZoneCooldownSeconds + 0.1)));
        }

        [Fact]
        public void A_nat_that_is_not_the_zone_s_taker_never_retries_it()
        {
            // i-c hears i-a, the lowest id: i-a takes the zone and i-c stands by, EC2 failing or not.
            var state = new FailoverState("i-c");
            for (var now = Start; now < Start + 5; now += 0.1)
            {
                var decisions = Step(state, now, self: "i-c");
                Assert.DoesNotContain(decisions.Actions, a => a.Kind == ActionKind.TakeOverZone);
                Assert.Equal(ZoneOutcome.Standby, OutcomeOf(decisions));
            }
        }

        [Fact]
        public void The_zone_s_nat_alive_again_ends_the_retries()
        {
            var state = new FailoverState("i-a");
            state.Finished(TakeoverOf(Step(state, Start)), succeeded: false, now: Start, transient: true);
            Assert.Equal(1, state.FailuresOf("us-east-1b"));
            state.PeerAlive("us-east-1b");
            Assert.Equal(0, state.FailuresOf("us-east-1b"));
            Assert.Empty(state.InputFor(Start, new SelfView("i-a", "us-east-1a", true), Peers(Start)).RetryAt);
        }

        [Fact]
        public void A_mark_ec2_failed_is_made_again_once_its_retry_is_due()
        {
            var state = new FailoverState("i-a");
            var decisions = Step(state, Start);
            var mark = Assert.Single(decisions.Actions, a => a.Kind == ActionKind.MarkUnhealthy);
            state.Finished(TakeoverOf(decisions), succeeded: true, now: Start + 0.1);
            state.Finished(mark, succeeded: false, now: Start + 0.1, transient: true);

            Assert.DoesNotContain(Step(state, Start + 0.15).Actions, a => a.Kind == ActionKind.MarkUnhealthy);
            var again = Step(state, Start + 0.5);
            Assert.Contains(again.Actions, a => a.Kind == ActionKind.MarkUnhealthy && a.InstanceId == "i-b");
        }

        [Fact]
        public void A_mark_refused_otherwise_is_not_made_again()
        {
            var state = new FailoverState("i-a");
            var decisions = Step(state, Start);
            state.Finished(TakeoverOf(decisions), succeeded: true, now: Start + 0.1);
            state.Finished(Assert.Single(decisions.Actions, a => a.Kind == ActionKind.MarkUnhealthy), succeeded: false, now: Start + 0.1);
            for (var now = Start + 0.2; now < Start + 5; now += 0.5)
                Assert.DoesNotContain(Step(state, now).Actions, a => a.Kind == ActionKind.MarkUnhealthy);
        }
    }
}
