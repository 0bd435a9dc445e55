using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Monitor;
using HaNat.Routing;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// A planned departure: the heartbeat's leaving flag, what IMDS says, what the peers' policy does with a NAT
    /// that says it is leaving, and how the leaving NAT reads its routes. Defaults: interval 1 s, K 3 (silent after
    /// 3.1 s). Three NATs: i-a (us-east-1a), i-b (us-east-1b), i-c (us-east-1c).
    /// </summary>
    public class HandoverTests
    {
        private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly FailoverSettings Settings = new FailoverSettings(1, 3);
        private const long WallNow = 1_700_000_000_000;
        private const double Now = 1000;

        // ----- the heartbeat's flag -----

        [Fact]
        public void TheLeavingFlagRoundTrips()
        {
            foreach (var (healthy, leaving) in new[] { (true, true), (false, true), (true, false), (false, false) })
            {
                var datagram = HeartbeatCodec.Encode(new Heartbeat("i-b", "us-east-1b", 7, WallNow, healthy, null, new[] { "i-a" }, leaving), Key);
                var beat = HeartbeatCodec.Decode(datagram, datagram.Length);
                Assert.NotNull(beat);
                Assert.Equal((healthy, leaving), (beat!.Healthy, beat.Leaving));
                Assert.Equal(new[] { "i-a" }, beat.Hears);
            }
        }

        [Fact]
        public void ALeavingBeatKeepsTheVersion1LayoutSoAnOlderMonitorReadsItAsAnOrdinaryBeat()
        {
            // An older monitor checks the version byte (1) and reads bit 0 of the flags: a leaving beat must differ
            // from the same beat not leaving only in bit 1 of the flags byte (and in the MAC, which covers it).
            var plain = HeartbeatCodec.Encode(new Heartbeat("i-b", "us-east-1b", 7, WallNow, true, null, new[] { "i-a" }), Key);
            var leaving = HeartbeatCodec.Encode(new Heartbeat("i-b", "us-east-1b", 7, WallNow, true, null, new[] { "i-a" }, true), Key);
            Assert.Equal(plain.Length, leaving.Length);
            Assert.Equal(1, leaving[2]);
            Assert.Equal(1, plain[3]);
            Assert.Equal(3, leaving[3]);
            var body = plain.Length - HeartbeatCodec.MacLength;
            Assert.Equal(plain.Take(3).Concat(plain.Skip(4).Take(body - 4)), leaving.Take(3).Concat(leaving.Skip(4).Take(body - 4)));
        }

        [Fact]
        public void ABeatInTheOldFormatIsReadAsNotLeaving()
        {
            // Byte for byte what a monitor from before the flag sends: flags 1 (healthy), nothing else set.
            var old = HeartbeatCodec.Encode(new Heartbeat("i-b", "us-east-1b", 7, WallNow, true), Key);
            Assert.Equal(1, old[3]);
            var verdict = new HeartbeatVerifier(Key, TimeSpan.FromSeconds(30)).Verify(old, old.Length, WallNow, out var beat);
            Assert.Equal(HeartbeatVerdict.Accepted, verdict);
            Assert.False(beat!.Leaving);
            Assert.True(beat.Healthy);
        }

        // ----- IMDS -----

        [Theory]
        [InlineData("InService", null, null, "None")]
        [InlineData(null, null, null, "None")]
        [InlineData("Detached", null, null, "None")]
        [InlineData("Warmed:Stopped", null, null, "None")]
        [InlineData("Terminated", null, null, "Lifecycle")]
        [InlineData("Terminated\n", null, null, "Lifecycle")]
        [InlineData("InService", "{\"action\": \"terminate\", \"time\": \"2026-12-07T06:00:00Z\"}", null, "Spot")]
        [InlineData(null, "{\"action\": \"stop\", \"time\": \"2026-12-07T06:00:00Z\"}", null, "Spot")]
        [InlineData("InService", null, "{\"noticeTime\": \"2026-12-07T06:00:00Z\"}", "Rebalance")]
        [InlineData("InService", "", "", "None")]
        public void ImdsSaysWhetherTheNatIsLeaving(string? lifecycle, string? spot, string? rebalance, string expected)
        {
            // (The trigger by name: an internal enum cannot be a public test method's parameter.)
            Assert.Equal(expected, DepartureSignals.From(lifecycle, spot, rebalance).ToString());
        }

        // ----- the peers' policy -----

        private static PeerView Peer(string id, string zone, double? lastBeat = Now - 0.5, bool healthy = true, double? leavingSince = null,
            bool listed = true, string[]? hears = null, int streak = 0) =>
            new PeerView(id, zone, 0)
            {
                LastBeatAt = lastBeat,
                ReportsHealthy = healthy,
                UnhealthyStreak = streak,
                Listed = listed,
                LeavingSince = leavingSince,
                Hears = hears ?? Array.Empty<string>(),
            };

        private static FailoverInput Input(IReadOnlyList<PeerView> peers, string self = "i-a", string zone = "us-east-1a", bool healthy = true,
            bool leaving = false, Dictionary<string, string?>? owners = null, double? routesReadAt = Now - 0.2, double now = Now) =>
            new FailoverInput(now, new SelfView(self, zone, healthy) { Leaving = leaving }, peers)
            {
                RouteOwners = owners ?? Owners(),
                RoutesReadAt = routesReadAt,
            };

        /// <summary>Every zone on its own NAT, then the changes given.</summary>
        private static Dictionary<string, string?> Owners(params (string Zone, string? Owner)[] changes)
        {
            var owners = new Dictionary<string, string?> { ["us-east-1a"] = "i-a", ["us-east-1b"] = "i-b", ["us-east-1c"] = "i-c" };
            foreach (var (zone, owner) in changes) owners[zone] = owner;
            return owners;
        }

        private static PeerAssessment Of(FailoverDecisions d, string id) => d.Peers.Single(p => p.InstanceId == id);

        [Fact]
        public void ALeavingPeersZoneIsTakenAtOnceByTheChooserWithReasonHandoverAndItIsNeverMarked()
        {
            var d = FailoverPolicy.Decide(Input(new[] { Peer("i-b", "us-east-1b", leavingSince: Now - 0.3), Peer("i-c", "us-east-1c") }), Settings);
            Assert.Equal((PeerStatus.Leaving, FailureReason.Leaving), (Of(d, "i-b").Status, Of(d, "i-b").Reason));
            var zone = Assert.Single(d.Zones);
            Assert.Equal(("us-east-1b", "i-b", ZoneOutcome.TakeOver, "i-a"), (zone.Zone, zone.FailedInstanceId, zone.Outcome, zone.Chooser));
            var action = Assert.Single(d.Actions);
            Assert.Equal((ActionKind.TakeOverZone, "i-b", "us-east-1b", "handover"), (action.Kind, action.InstanceId, action.Zone, action.Reason));
        }

        [Fact]
        public void ANonChooserStandsByForAHandover()
        {
            var d = FailoverPolicy.Decide(Input(new[] { Peer("i-a", "us-east-1a"), Peer("i-b", "us-east-1b", leavingSince: Now - 0.3) },
                self: "i-c", zone: "us-east-1c"), Settings);
            var zone = Assert.Single(d.Zones);
            Assert.Equal((ZoneOutcome.Standby, "i-a"), (zone.Outcome, zone.Chooser));
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void TheLeavingNatIsNoCandidateEvenWithTheLowestId()
        {
            // i-a leaves; i-b is the lowest id left and takes zone a; i-c stands by for i-b.
            var peers = new[] { Peer("i-a", "us-east-1a", leavingSince: Now - 0.3), Peer("i-c", "us-east-1c") };
            var atB = FailoverPolicy.Decide(Input(peers, self: "i-b", zone: "us-east-1b"), Settings);
            Assert.Equal(("us-east-1a", ZoneOutcome.TakeOver, "i-b"), (atB.Zones.Single().Zone, atB.Zones.Single().Outcome, atB.Zones.Single().Chooser));
            var atC = FailoverPolicy.Decide(Input(new[] { Peer("i-a", "us-east-1a", leavingSince: Now - 0.3), Peer("i-b", "us-east-1b") }, self: "i-c", zone: "us-east-1c"), Settings);
            Assert.Equal((ZoneOutcome.Standby, "i-b"), (atC.Zones.Single().Outcome, atC.Zones.Single().Chooser));
        }

        [Fact]
        public void WhatALeavingPeerServesIsReadFromARouteReadMadeAfterItSaidSo()
        {
            // The last read predates the leaving beat: ask for a read, take nothing yet.
            var d = FailoverPolicy.Decide(Input(new[] { Peer("i-b", "us-east-1b", leavingSince: Now - 0.3), Peer("i-c", "us-east-1c") },
                routesReadAt: Now - 5), Settings);
            Assert.True(d.WantRoutes);
            Assert.Empty(d.Zones);
            Assert.Empty(d.Actions);
        }

        [Fact]
        public void EveryZoneTheLeavingPeerHoldsIsHandedOverAndAZoneALiveNatOfItsOwnServesIsNot()
        {
            // i-b leaves holding its zone and zone c (whose NAT failed and is gone); zone c's routes point at i-b.
            var d = FailoverPolicy.Decide(Input(new[] { Peer("i-b", "us-east-1b", leavingSince: Now - 0.3) },
                owners: Owners(("us-east-1c", "i-b"))), Settings);
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, d.Actions.Select(a => a.Zone));
            Assert.All(d.Actions, a => Assert.Equal((ActionKind.TakeOverZone, "handover"), (a.Kind, a.Reason)));

            // A replacement of zone b took its zone already (make-before-break): nothing left to hand over.
            var replaced = FailoverPolicy.Decide(Input(new[] { Peer("i-b", "us-east-1b", leavingSince: Now - 0.3), Peer("i-b2", "us-east-1b") },
                owners: Owners(("us-east-1b", "i-b2"))), Settings);
            Assert.Empty(replaced.Zones);
            Assert.Empty(replaced.Actions);
        }

        [Fact]
        public void AZoneHandedOverGoesToALiveNatOfThatZoneBeforeTheChooser()
        {
            // i-c leaves holding zone b (a failover from before); i-b, zone b's own NAT, is alive again: it takes zone b.
            var peers = new[] { Peer("i-a", "us-east-1a"), Peer("i-c", "us-east-1c", leavingSince: Now - 0.3) };
            var atB = FailoverPolicy.Decide(Input(peers, self: "i-b", zone: "us-east-1b", owners: Owners(("us-east-1b", "i-c"))), Settings);
            var zoneB = atB.Zones.Single(z => z.Zone == "us-east-1b");
            Assert.Equal((ZoneOutcome.TakeOver, "i-b"), (zoneB.Outcome, zoneB.Chooser));
            var zoneC = atB.Zones.Single(z => z.Zone == "us-east-1c");
            Assert.Equal((ZoneOutcome.Standby, "i-a"), (zoneC.Outcome, zoneC.Chooser));
        }

        [Fact]
        public void ADepartedPeerIsNeverFailedOrMarkedWhateverItsSilenceOrEc2Says()
        {
            // Its zone is on i-a now (the handover went through): its silence and EC2's "not running" change nothing.
            var owners = Owners(("us-east-1b", "i-a"));
            var others = new[] { Peer("i-c", "us-east-1c") };
            foreach (var departed in new[]
                     {
                         Peer("i-b", "us-east-1b", lastBeat: Now - 10, leavingSince: Now - 12),
                         Peer("i-b", "us-east-1b", lastBeat: Now - 60, leavingSince: Now - 62, listed: false),
                         Peer("i-b", "us-east-1b", lastBeat: Now - 1, leavingSince: Now - 12, healthy: false, streak: 9),
                     })
            {
                var d = FailoverPolicy.Decide(Input(others.Append(departed).ToList(), owners: owners), Settings);
                var b = Of(d, "i-b");
                Assert.True(FailoverPolicy.Departing(b.Status), b.Status.ToString());
                Assert.NotEqual(PeerStatus.Failed, b.Status);
                Assert.DoesNotContain(d.Actions, a => a.Kind == ActionKind.MarkUnhealthy);
                Assert.Empty(d.Actions);
                Assert.Empty(d.Zones);
            }
        }

        [Fact]
        public void AReplacementThatFailsInTheZoneOfADepartedNatIsFailedOverAsUsual()
        {
            // i-b left; its replacement i-b2 took zone b back and then went silent, corroborated by i-c.
            var d = FailoverPolicy.Decide(Input(new[]
            {
                Peer("i-b", "us-east-1b", lastBeat: Now - 100, leavingSince: Now - 102, listed: false),
                Peer("i-b2", "us-east-1b", lastBeat: Now - 3.5),
                Peer("i-c", "us-east-1c", hears: new[] { "i-a" }),
            }, owners: Owners(("us-east-1b", "i-b2"))), Settings);
            var zone = Assert.Single(d.Zones);
            Assert.Equal(("i-b2", ZoneOutcome.TakeOver), (zone.FailedInstanceId, zone.Outcome));
            Assert.Equal(new[] { (ActionKind.TakeOverZone, "i-b2"), (ActionKind.MarkUnhealthy, "i-b2") }, d.Actions.Select(a => (a.Kind, a.InstanceId)));
        }

        [Fact]
        public void ALeavingNatTakesNothingAndMarksNothingNotEvenItself()
        {
            // i-a is leaving; i-b failed (silent, corroborated) and i-c leaves too: i-a would be the chooser of both.
            var d = FailoverPolicy.Decide(Input(new[]
            {
                Peer("i-b", "us-east-1b", lastBeat: Now - 3.5),
                Peer("i-c", "us-east-1c", leavingSince: Now - 0.3, hears: new[] { "i-a" }),
                Peer("i-d", "us-east-1d", hears: new[] { "i-a" }),
            }, leaving: true), Settings);
            Assert.Empty(d.Actions);
            Assert.DoesNotContain(d.Zones, z => z.Outcome == ZoneOutcome.TakeOver || z.Chooser == "i-a");

            var unhealthy = FailoverPolicy.Decide(new FailoverInput(Now, new SelfView("i-a", "us-east-1a", false)
            {
                Leaving = true, LocalCheckFails = true, UnhealthySince = Now - 1000,
            }, Array.Empty<PeerView>()), Settings);
            Assert.Empty(unhealthy.Actions);
        }

        [Fact]
        public void AfterTheHandoverTheZoneIsNotTakenAgain()
        {
            // The policy with its bookkeeping, step by step: the takeover once, then nothing while the departed NAT is
            // silent, not running, or a later route read shows the zone here.
            var state = new FailoverState("i-a");
            state.ApplyRouteRead(Owners(), Now - 0.2);
            var self = new SelfView("i-a", "us-east-1a", true);
            var leaving = Peer("i-b", "us-east-1b", leavingSince: Now - 0.3);
            var c = Peer("i-c", "us-east-1c");
            var first = FailoverPolicy.Step(state, self, new[] { leaving, c }, Now, Settings);
            var takeover = Assert.Single(first.Actions);
            Assert.Equal("handover", takeover.Reason);
            Assert.Empty(FailoverPolicy.Step(state, self, new[] { leaving, c }, Now + 0.1, Settings).Actions);
            state.Finished(takeover, true, Now + 0.5);
            var silent = Peer("i-b", "us-east-1b", lastBeat: Now + 0.5, leavingSince: Now - 0.3);
            Assert.Empty(FailoverPolicy.Step(state, self, new[] { silent, Peer("i-c", "us-east-1c", lastBeat: Now + 9.5) }, Now + 10, Settings).Actions);
            state.ApplyRouteRead(Owners(("us-east-1b", "i-a")), Now + 20);
            var gone = Peer("i-b", "us-east-1b", lastBeat: Now + 0.5, leavingSince: Now - 0.3, listed: false);
            Assert.Empty(FailoverPolicy.Step(state, self, new[] { gone, Peer("i-c", "us-east-1c", lastBeat: Now + 29.5) }, Now + 30, Settings).Actions);
        }

        // ----- the peer table -----

        [Fact]
        public void LeavingIsStickyUntilALaterRunOfItsMonitorBeatsWithoutIt()
        {
            var table = new PeerTable("i-a");
            table.ApplyListing(new[] { new PeerListing("i-b", "us-east-1b", "10.0.1.1") }, 0);
            table.ApplyBeat(new Heartbeat("i-b", "us-east-1b", 1, 0, true, null, null, true), null, 5, out _);
            table.ApplyBeat(new Heartbeat("i-b", "us-east-1b", 2, 0, true, null, null, true), null, 6, out _);
            Assert.Equal(5.0, table.Find("i-b")!.LeavingSince);
            table.ApplyListing(Array.Empty<PeerListing>(), 20);
            Assert.True(table.Find("i-b")!.Leaving);
            Assert.False(table.Find("i-b")!.Listed);
            // The verifier passes only a newer sequence: a beat without the flag is a later run (the NAT rebooted).
            table.ApplyBeat(new Heartbeat("i-b", "us-east-1b", 3, 0, true), null, 30, out _);
            Assert.False(table.Find("i-b")!.Leaving);
        }

        // ----- the leaving NAT's own route reads -----

        [Fact]
        public void TheLeavingNatCountsEveryTableThatStillRoutesToItByInstanceOrInterface()
        {
            DefaultRoute To(string id, string? eni = null) => new DefaultRoute(RouteTargetKind.Instance, id, id, eni, false);
            var snapshot = new VpcSnapshot("vpc-1",
                new[] { new SubnetInfo("subnet-a", "us-east-1a", "10.0.1.0/24"), new SubnetInfo("subnet-b", "us-east-1b", "10.0.2.0/24"),
                        new SubnetInfo("subnet-c", "us-east-1c", "10.0.3.0/24") },
                new[]
                {
                    new RouteTableInfo("rtb-a", false, new[] { "subnet-a" }, To("i-a")),
                    new RouteTableInfo("rtb-b", false, new[] { "subnet-b" }, To("i-b")),
                    new RouteTableInfo("rtb-c", false, new[] { "subnet-c" }, new DefaultRoute(RouteTargetKind.NetworkInterface, "eni-b", null, "eni-b", false)),
                });
            var read = HandoverRoutes.Read(snapshot, "i-b", "eni-b");
            Assert.Equal(new[] { "rtb-b", "rtb-c" }, read.TablesToSelf);
            Assert.Equal(new[] { "us-east-1b" }, read.ZonesServed);
            Assert.Equal("i-a", read.Owners["us-east-1a"]);

            var after = new VpcSnapshot("vpc-1", snapshot.PrivateSubnets, new[]
            {
                new RouteTableInfo("rtb-a", false, new[] { "subnet-a" }, To("i-a")),
                new RouteTableInfo("rtb-b", false, new[] { "subnet-b" }, To("i-a")),
                new RouteTableInfo("rtb-c", false, new[] { "subnet-c" }, To("i-c")),
            });
            var done = HandoverRoutes.Read(after, "i-b", "eni-b");
            Assert.Empty(done.TablesToSelf);
            Assert.Empty(done.ZonesServed);
            Assert.Equal("i-a", done.Owners["us-east-1b"]);
        }
    }
}
