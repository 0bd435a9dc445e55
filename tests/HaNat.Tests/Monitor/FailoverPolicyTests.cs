using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// The failover policy at the earlier defaults (interval 1 s, K 3: silent after 3.1 s, "hears" within 2.1 s; a NAT that
    /// hears nobody decides 3.6 s after the silence began, on an unanswered ICMP echo and a fresh route read).
    /// Three NATs: i-a (us-east-1a, this one unless said), i-b, i-c.
    /// </summary>
    public class FailoverPolicyTests
    {
        private static readonly FailoverSettings Settings = new FailoverSettings(1, 3);
        private const double Now = 1000;

        private static PeerView Peer(string id, string zone, double? lastBeat = Now - 0.5, bool healthy = true, int streak = 0,
            string[]? hears = null, bool listed = true, double knownSince = 0, bool? reachable = null, double? reachCheckedAt = null) =>
            new PeerView(id, zone, knownSince)
            {
                LastBeatAt = lastBeat,
                ReportsHealthy = healthy,
                UnhealthyStreak = streak,
                FailingChecks = healthy ? Array.Empty<string>() : new[] { "IpForward" },
                Hears = hears ?? Array.Empty<string>(),
                Listed = listed,
                Reachable = reachable,
                ReachCheckedAt = reachable.HasValue ? reachCheckedAt ?? Now - 0.5 : null,
            };

        private static FailoverInput Input(IReadOnlyList<PeerView> peers, string self = "i-a", string zone = "us-east-1a", bool healthy = true,
            Dictionary<string, string?>? owners = null, double? routesReadAt = null, double now = Now)
        {
            return new FailoverInput(now, new SelfView(self, zone, healthy), peers)
            {
                RouteOwners = owners ?? new Dictionary<string, string?>(),
                RoutesReadAt = routesReadAt,
            };
        }

        private static FailoverDecisions Decide(FailoverInput input, FailoverSettings? settings = null) => FailoverPolicy.Decide(input, settings ?? Settings);

        private static PeerAssessment Of(FailoverDecisions d, string id) => d.Peers.Single(p => p.InstanceId == id);

        [Fact]
        public void HealthyPeersHeardRecentlyAreAliveAndNothingHappens()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", hears: new[] { "i-a", "i-c" }), Peer("i-c", "us-east-1c", hears: new[] { "i-a", "i-b" }) }));
            Assert.All(d.Peers, p => Assert.Equal(PeerStatus.Alive, p.Status));
            Assert.Empty(d.Zones);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void ASilentPeerThatAnotherPeerStillHearsIsNotFailed()
        {
            // i-a lost i-b's last three beats, but i-c still hears it: that is loss between a and b, not a dead b.
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 3.5), Peer("i-c", "us-east-1c", hears: new[] { "i-a", "i-b" }) }));
            Assert.Equal(PeerStatus.Silent, Of(d, "i-b").Status);
            Assert.Contains("i-c still hears it", Of(d, "i-b").Detail);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void ASilentPeerThatNoLivePeerHearsIsFailedAndTheLowestHealthyIdTakesItsZone()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 3.5), Peer("i-c", "us-east-1c", hears: new[] { "i-a" }) }));
            var b = Of(d, "i-b");
            Assert.Equal(PeerStatus.Failed, b.Status);
            Assert.Equal(FailureReason.Silent, b.Reason);
            var zone = Assert.Single(d.Zones);
            Assert.Equal(("us-east-1b", "i-b", ZoneOutcome.TakeOver, "i-a"), (zone.Zone, zone.FailedInstanceId, zone.Outcome, zone.Chooser));
            Assert.Equal(new[] { (ActionKind.TakeOverZone, "i-b"), (ActionKind.MarkUnhealthy, "i-b") }, d.Actions.Select(a => (a.Kind, a.InstanceId)));
            Assert.Equal("us-east-1b", d.Actions[0].Zone);
        }

        [Fact]
        public void TheOtherSurvivorStandsBy()
        {
            // The same failure seen from i-c: i-a has the lower id, so i-c only watches.
            var d = Decide(Input(new[] { Peer("i-a", "us-east-1a", hears: new[] { "i-c" }), Peer("i-b", "us-east-1b", lastBeat: Now - 3.5) }, self: "i-c", zone: "us-east-1c"));
            var zone = Assert.Single(d.Zones);
            Assert.Equal(ZoneOutcome.Standby, zone.Outcome);
            Assert.Equal("i-a", zone.Chooser);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void ExactlyOneOfTheSurvivorsActs()
        {
            var peersOfA = new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 4), Peer("i-c", "us-east-1c", hears: new[] { "i-a" }) };
            var peersOfC = new[] { Peer("i-a", "us-east-1a", hears: new[] { "i-c" }), Peer("i-b", "us-east-1b", lastBeat: Now - 4) };
            var actors = new[] { Decide(Input(peersOfA)), Decide(Input(peersOfC, self: "i-c", zone: "us-east-1c")) }
                .Count(d => d.Actions.Any(a => a.Kind == ActionKind.TakeOverZone));
            Assert.Equal(1, actors);
        }

        [Fact]
        public void SilenceIsAMissOnlyPastKBeatsAndTheMargin()
        {
            var justInside = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 3.05), Peer("i-c", "us-east-1c", hears: new[] { "i-a" }) }));
            Assert.Equal(PeerStatus.Alive, Of(justInside, "i-b").Status);
            var justPast = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 3.15), Peer("i-c", "us-east-1c", hears: new[] { "i-a" }) }));
            Assert.Equal(PeerStatus.Failed, Of(justPast, "i-b").Status);
        }

        [Fact]
        public void APeerReportingItselfUnhealthyFailsOnItsKthReportInARow()
        {
            var two = Decide(Input(new[] { Peer("i-b", "us-east-1b", healthy: false, streak: 2), Peer("i-c", "us-east-1c") }));
            Assert.Equal(PeerStatus.Unhealthy, Of(two, "i-b").Status);
            Assert.Empty(two.Actions);

            var three = Decide(Input(new[] { Peer("i-b", "us-east-1b", healthy: false, streak: 3), Peer("i-c", "us-east-1c") }));
            Assert.Equal(FailureReason.ReportsUnhealthy, Of(three, "i-b").Reason);
            Assert.Contains("IpForward", Of(three, "i-b").Detail);
            Assert.Equal(ActionKind.TakeOverZone, three.Actions[0].Kind);
            Assert.Equal("unhealthy", three.Actions[0].Reason);
        }

        [Fact]
        public void AnUnhealthyPeerIsNeverTheChooser()
        {
            // i-a (lowest) reports unhealthy, so i-c (not i-a) takes the failed zone b.
            var d = Decide(Input(new[] { Peer("i-a", "us-east-1a", healthy: false, streak: 1), Peer("i-b", "us-east-1b", lastBeat: Now - 5) }, self: "i-c", zone: "us-east-1c"));
            var zone = Assert.Single(d.Zones);
            Assert.Equal("i-c", zone.Chooser);
            Assert.Equal(ZoneOutcome.TakeOver, zone.Outcome);
        }

        [Fact]
        public void AnUnhealthyNatClaimsNothing()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") }, healthy: false));
            var zone = Assert.Single(d.Zones);
            Assert.Equal(ZoneOutcome.SelfUnhealthy, zone.Outcome);
            Assert.Equal("i-c", zone.Chooser);
            Assert.DoesNotContain(d.Actions, a => a.Kind == ActionKind.TakeOverZone || a.InstanceId == "i-b");
        }

        [Fact]
        public void AfterTheGraceAnUnhealthyNatMarksItselfOnceButNotForAProbeAlone()
        {
            var input = Input(new[] { Peer("i-b", "us-east-1b") }, healthy: false);
            input.Self.UnhealthySince = Now - 121;
            input.Self.LocalCheckFails = true;
            var mark = Assert.Single(Decide(input).Actions);
            Assert.Equal((ActionKind.MarkUnhealthy, "i-a"), (mark.Kind, mark.InstanceId));

            input.Marked = new[] { "i-a" };
            Assert.Empty(Decide(input).Actions);

            var probeOnly = Input(new[] { Peer("i-b", "us-east-1b") }, healthy: false);
            probeOnly.Self.UnhealthySince = Now - 1000;
            probeOnly.Self.LocalCheckFails = false;
            Assert.Empty(Decide(probeOnly).Actions);

            var early = Input(new[] { Peer("i-b", "us-east-1b") }, healthy: false);
            early.Self.UnhealthySince = Now - 100;
            early.Self.LocalCheckFails = true;
            Assert.Empty(Decide(early).Actions);
        }

        [Fact]
        public void ANatThatHearsNoPeerTakesNothingOverBeforeItsLongWait()
        {
            // Both peers silent for 5 s: with peers that would be a failure, alone it is more likely its own cut.
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c", lastBeat: Now - 5) },
                owners: new Dictionary<string, string?> { ["us-east-1a"] = "i-a" }, routesReadAt: Now));
            Assert.All(d.Peers, p => Assert.Equal(PeerStatus.Silent, p.Status));
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void AloneItWaitsAnIntervalPastTheSilenceAndAFreshRouteReadBeforeActing()
        {
            // Both peers fell silent 4.5 s ago and answer no echo (two zones down at once). Before 3.6 s it waits;
            // after, it asks for a route read newer than its deadline, and acts once that read shows zone a still its own.
            PeerView[] Silent(double since) => new[]
            {
                Peer("i-b", "us-east-1b", lastBeat: Now - since, reachable: false), Peer("i-c", "us-east-1c", lastBeat: Now - since, reachable: false),
            };
            var owners = new Dictionary<string, string?> { ["us-east-1a"] = "i-a" };
            var early = Decide(Input(Silent(3.5), owners: owners, routesReadAt: Now));
            Assert.Empty(early.Actions);
            Assert.Contains("waiting", Of(early, "i-b").Detail);

            var stale = Decide(Input(Silent(4.5), owners: owners, routesReadAt: Now - 1));
            Assert.True(stale.WantRoutes);
            Assert.Empty(stale.Actions);

            var fresh = Decide(Input(Silent(4.5), owners: owners, routesReadAt: Now - 0.2));
            Assert.False(fresh.WantRoutes);
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, fresh.Actions.Where(a => a.Kind == ActionKind.TakeOverZone).Select(a => a.Zone));
            Assert.Contains("no answer to ICMP echo", Of(fresh, "i-b").Detail);
        }

        [Fact]
        public void AloneItTakesNothingFromAPeerThatAnswersEchoOrWhoseEchoHasNoVerdictYet()
        {
            // Heartbeats blocked at this NAT (or at the peer) while the hosts are up: the echo is answered. No verdict
            // at all (no echo sent since the silence began) is no licence either.
            var owners = new Dictionary<string, string?> { ["us-east-1a"] = "i-a" };
            var answers = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 20, reachable: true) }, owners: owners, routesReadAt: Now));
            Assert.Empty(answers.Actions);
            Assert.Contains("answers ICMP echo", Of(answers, "i-b").Detail);

            var noVerdict = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 20) }, owners: owners, routesReadAt: Now));
            Assert.Empty(noVerdict.Actions);
            var staleVerdict = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 20, reachable: false, reachCheckedAt: Now - 21) },
                owners: owners, routesReadAt: Now));
            Assert.Empty(staleVerdict.Actions);
        }

        [Fact]
        public void AloneAndItsOwnZoneTakenByAPeerItStandsDown()
        {
            // The peers took zone a: they are alive and it is this NAT that is cut off (its echoes go nowhere either).
            // It must not take theirs.
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 20, reachable: false), Peer("i-c", "us-east-1c", lastBeat: Now - 20, reachable: false) },
                owners: new Dictionary<string, string?> { ["us-east-1a"] = "i-b" }, routesReadAt: Now));
            Assert.Empty(d.Actions);
            Assert.Contains("likely the one cut off", Of(d, "i-b").Detail);
        }

        [Fact]
        public void ACutOffNatTakesNoZoneWhoseReplacementIsSilentToIt()
        {
            // i-a hears nobody. Zone b's old NAT (i-b) was replaced: EC2 lists it no more, so it is Failed
            // "not-running"; its replacement i-b2 is silent to i-a too, but not failed. Zone b is not i-a's to take.
            var d = Decide(Input(new[]
                {
                    Peer("i-b", "us-east-1b", lastBeat: Now - 100, listed: false),
                    Peer("i-b2", "us-east-1b", lastBeat: Now - 3.5, reachable: true),
                    Peer("i-c", "us-east-1c", lastBeat: Now - 3.5, reachable: true),
                },
                owners: new Dictionary<string, string?> { ["us-east-1a"] = "i-a", ["us-east-1b"] = "i-b2" }, routesReadAt: Now));
            Assert.Equal(FailureReason.NotRunning, Of(d, "i-b").Reason);
            Assert.Equal(PeerStatus.Silent, Of(d, "i-b2").Status);
            Assert.Empty(d.Zones);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void ANotRunningSilentPeerFailsWithoutCorroborationAndIsNotMarked()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 4, listed: false) }));
            Assert.Equal(FailureReason.NotRunning, Of(d, "i-b").Reason);
            var action = Assert.Single(d.Actions);
            Assert.Equal(ActionKind.TakeOverZone, action.Kind);
        }

        [Fact]
        public void AnUnlistedPeerThatStillBeatsIsAlive()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", listed: false) }));
            Assert.Equal(PeerStatus.Alive, Of(d, "i-b").Status);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void ANeverHeardPeerGetsItsGraceToStart()
        {
            var pending = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: null, knownSince: Now - 20), Peer("i-c", "us-east-1c") }));
            Assert.Equal(PeerStatus.Pending, Of(pending, "i-b").Status);
            Assert.Empty(pending.Actions);

            var overdue = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: null, knownSince: Now - 40), Peer("i-c", "us-east-1c") }));
            Assert.Equal(PeerStatus.Failed, Of(overdue, "i-b").Status);
        }

        [Fact]
        public void FailbackAZoneWhoseNewNatIsAliveIsNeverTakenAgain()
        {
            // The old i-b failed and i-a took zone b; the replacement i-d booted and took zone b back. i-a must not fight it,
            // though old i-b still shows failed and the route info i-a holds is stale.
            var owners = new Dictionary<string, string?> { ["us-east-1b"] = "i-a" };
            var peers = new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 60), Peer("i-c", "us-east-1c", hears: new[] { "i-a", "i-d" }), Peer("i-d", "us-east-1b", hears: new[] { "i-a", "i-c" }) };
            var d = Decide(Input(peers, owners: owners));
            Assert.Equal(PeerStatus.Failed, Of(d, "i-b").Status);
            Assert.Empty(d.Zones);
            Assert.Empty(d.Actions);

            // Nor while the replacement has not started its monitor yet (pending).
            var booting = new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 60), Peer("i-c", "us-east-1c"), Peer("i-d", "us-east-1b", lastBeat: null, knownSince: Now - 5) };
            Assert.Empty(Decide(Input(booting)).Actions);
        }

        [Fact]
        public void AZoneAlreadyRoutedHereIsNotTakenAgainButItsNatIsStillMarked()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") },
                owners: new Dictionary<string, string?> { ["us-east-1b"] = "i-a" }, routesReadAt: Now - 1));
            Assert.Equal(ZoneOutcome.AlreadyOwned, Assert.Single(d.Zones).Outcome);
            var mark = Assert.Single(d.Actions);
            Assert.Equal(ActionKind.MarkUnhealthy, mark.Kind);
        }

        [Fact]
        public void AZoneAnotherLiveNatAlreadyServesIsLeftToIt()
        {
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") },
                owners: new Dictionary<string, string?> { ["us-east-1b"] = "i-c" }, routesReadAt: Now - 1));
            Assert.Equal(ZoneOutcome.ServedByPeer, Assert.Single(d.Zones).Outcome);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void AnOldRouteReadIsNotBelievedTheTakeoverGoesAheadAndReReadsBeforeWriting()
        {
            // The routes were read 20 s ago, when zone b happened to route through i-c (a test, an operator): that may
            // predate the failure, so the chooser takes the zone over (its executor re-reads, and skips a served zone).
            var owners = new Dictionary<string, string?> { ["us-east-1b"] = "i-c" };
            var d = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") }, owners: owners, routesReadAt: Now - 20));
            Assert.Equal(ZoneOutcome.TakeOver, Assert.Single(d.Zones).Outcome);
            var owned = Decide(Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") },
                owners: new Dictionary<string, string?> { ["us-east-1b"] = "i-a" }, routesReadAt: null));
            Assert.Equal(ZoneOutcome.TakeOver, Assert.Single(owned.Zones).Outcome);
        }

        [Fact]
        public void MarksEachFailedInstanceOnlyOnce()
        {
            var input = Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") });
            input.Marked = new[] { "i-b" };
            Assert.DoesNotContain(Decide(input).Actions, a => a.Kind == ActionKind.MarkUnhealthy);
        }

        [Fact]
        public void RateLimitsPerZoneAndOverall()
        {
            var input = Input(new[] { Peer("i-b", "us-east-1b", lastBeat: Now - 5), Peer("i-c", "us-east-1c") });
            input.Takeovers = new[] { new TakeoverRecord("us-east-1b", "i-b", Now - 5) };
            Assert.Equal(ZoneOutcome.RateLimited, Assert.Single(Decide(input).Zones).Outcome);

            input.Takeovers = new[] { new TakeoverRecord("us-east-1b", "i-b", Now - 11) };
            Assert.Equal(ZoneOutcome.TakeOver, Assert.Single(Decide(input).Zones).Outcome);

            input.Takeovers = Enumerable.Range(0, 6).Select(i => new TakeoverRecord("us-east-1x", "i-x", Now - 20 - i)).ToList();
            Assert.Equal(ZoneOutcome.RateLimited, Assert.Single(Decide(input).Zones).Outcome);

            input.InFlight = new[] { "us-east-1b" };
            input.Takeovers = new[] { new TakeoverRecord("us-east-1b", "i-b", Now - 1) };
            Assert.Equal(ZoneOutcome.InProgress, Assert.Single(Decide(input).Zones).Outcome);
        }

        [Fact]
        public void NeverTakesItsOwnZone()
        {
            // Another instance of this NAT's own zone failing (an old one) is not this NAT's to take.
            var d = Decide(Input(new[] { Peer("i-z", "us-east-1a", lastBeat: Now - 60), Peer("i-c", "us-east-1c") }));
            Assert.Empty(d.Zones);
        }

        [Theory]
        [InlineData(0.05, 20240605, false)]
        // At 15% loss one observer alone loses 3 beats in a row a few times in 2 minutes: the run must show such a
        // silence (so the test would catch a policy without corroboration) and still no action.
        [InlineData(0.15, 7, true)]
        public void LossBetweenHealthyNatsCausesNoFailover(double loss, int seed, bool expectSilence)
        {
            // Two minutes of three NATs beating once a second with independent loss, seen from each NAT and decided every
            // second with the real policy (FastDetectionTests' simulation, at these timings). Corroboration must keep
            // every decision action-free (seeded runs; at 5% the odds of one false failover per run are ~2e-4, see
            // FailoverPolicy).
            var (failures, silences, actions) = FastDetectionTests.Simulate(Settings, loss, 120, seed);
            Assert.Equal(0, actions);
            Assert.Equal(0, failures);
            if (expectSilence) Assert.True(silences > 0, "the lossy run never silenced a peer for one observer, so it proves nothing");
        }
    }
}
