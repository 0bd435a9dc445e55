using System.Collections.Generic;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// When the monitor's loop may sleep past its tenth-of-a-second step (QuietWake), and what ends the quiet in the
    /// failover bookkeeping (FailoverState.Settled): the loop must never sleep through a moment the policy acts on.
    /// </summary>
    public class QuietWakeTests
    {
        private static readonly FailoverSettings Defaults = new FailoverSettings();
        private const double Now = 100;

        private static PeerView Heard(string id, double at) => new PeerView(id, "us-east-1" + id[^1], 0) { LastBeatAt = at, ReportsHealthy = true, Listed = true };

        [Fact]
        public void While_every_peer_beats_on_time_the_loop_sleeps_until_the_first_peer_is_two_intervals_and_a_margin_late()
        {
            var peers = new[] { Heard("i-b", Now - 0.15), Heard("i-c", Now - 0.05) };
            var until = QuietWake.Until(Now, ready: true, peers, probeLateAt: null, Defaults);
            // i-b was heard 0.15 s ago: it is overdue 2 × 0.2 + 0.05 s after that, at Now + 0.30.
            Assert.Equal(Now - 0.15 + 2 * Defaults.IntervalSeconds + Defaults.MarginSeconds, until!.Value, 6);
            Assert.True(until.Value - (Now - 0.15) < Defaults.SilentAfterSeconds, "it wakes before any silence verdict is due");
        }

        [Fact]
        public void The_egress_probe_s_late_mark_comes_first_when_it_is_sooner()
        {
            var until = QuietWake.Until(Now, true, new[] { Heard("i-b", Now) }, probeLateAt: Now + 0.1, Defaults);
            Assert.Equal(Now + 0.1, until!.Value, 6);
        }

        [Fact]
        public void A_lone_nat_with_no_probe_in_flight_sleeps_until_its_own_beat_or_check()
        {
            Assert.Equal(double.PositiveInfinity, QuietWake.Until(Now, true, new PeerView[0], null, Defaults));
        }

        [Fact]
        public void Anything_afoot_makes_the_loop_step()
        {
            PeerView With(System.Action<PeerView> change) { var p = Heard("i-b", Now - 0.1); change(p); return p; }
            Assert.Null(QuietWake.Until(Now, ready: false, new[] { Heard("i-b", Now) }, null, Defaults));
            Assert.Null(QuietWake.Until(Now, true, new[] { Heard("i-b", Now - 0.46) }, null, Defaults)); // a beat overdue
            Assert.Null(QuietWake.Until(Now, true, new[] { With(p => p.ReportsHealthy = false) }, null, Defaults));
            Assert.Null(QuietWake.Until(Now, true, new[] { With(p => p.LeavingSince = Now - 1) }, null, Defaults));
            Assert.Null(QuietWake.Until(Now, true, new[] { With(p => p.Listed = false) }, null, Defaults));
            Assert.Null(QuietWake.Until(Now, true, new[] { With(p => p.LastBeatAt = null) }, null, Defaults)); // never heard
            Assert.Null(QuietWake.Until(Now, true, new[] { Heard("i-c", Now), With(p => p.ReportsHealthy = false) }, null, Defaults));
        }

        [Fact]
        public void The_state_is_settled_only_with_no_takeover_in_flight_and_no_retry_due()
        {
            var take = new FailoverAction(ActionKind.TakeOverZone, "i-b", "us-east-1b", "silent");
            var mark = new FailoverAction(ActionKind.MarkUnhealthy, "i-b", "us-east-1b", "silent");
            var state = new FailoverState("i-a", Ec2RetryPolicy.Default, () => 0.5);
            Assert.True(state.Settled);

            state.Started(take, 10);
            Assert.False(state.Settled);
            state.Finished(take, succeeded: false, 10.2, transient: true);
            Assert.False(state.Settled); // EC2 failed it: a retry is due soon
            state.Started(take, 10.5);
            state.Finished(take, succeeded: true, 10.7);
            Assert.True(state.Settled);

            state.Started(mark, 11);
            state.Finished(mark, succeeded: false, 11.1, transient: true);
            Assert.False(state.Settled); // the mark is due again
            state.Started(mark, 11.5);
            state.Finished(mark, succeeded: true, 11.6);
            Assert.True(state.Settled);
        }
    }
}
