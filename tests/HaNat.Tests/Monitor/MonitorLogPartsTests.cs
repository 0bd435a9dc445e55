using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HaNat.Monitor;
using HaNat.Routing;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>The loop's pure parts that decide which log lines are written: drops, verdicts, and a takeover's veto.</summary>
    public class MonitorLogPartsTests
    {
        private static (MonitorLog Log, StringWriter Text) NewLog()
        {
            var text = new StringWriter();
            return (new MonitorLog(text), text);
        }

        private static string[] Lines(StringWriter text) =>
            text.ToString().Split('\n').Where(l => l.Length > 0).Select(l => l.TrimEnd('\r')).ToArray();

        [Fact]
        public void Drops_from_one_sender_for_one_reason_are_logged_once_per_quiet_period_with_their_count()
        {
            var (log, text) = NewLog();
            var drops = new HeartbeatDropLog(log);
            drops.Dropped("10.0.0.5", HeartbeatVerdict.BadMac, 0);
            drops.Dropped("10.0.0.5", HeartbeatVerdict.BadMac, 1);
            drops.Dropped("10.0.0.5", HeartbeatVerdict.BadMac, 2);
            drops.Dropped("10.0.0.6", HeartbeatVerdict.BadMac, 2);
            drops.Dropped("10.0.0.5", HeartbeatVerdict.Replay, 2);
            drops.Dropped("10.0.0.5", HeartbeatVerdict.BadMac, HeartbeatDropLog.QuietSeconds);
            Assert.Equal(new[]
            {
                "hanat-monitor event=heartbeat-dropped from=10.0.0.5 reason=bad-mac count=1",
                "hanat-monitor event=heartbeat-dropped from=10.0.0.6 reason=bad-mac count=1",
                "hanat-monitor event=heartbeat-dropped from=10.0.0.5 reason=replay count=1",
                "hanat-monitor event=heartbeat-dropped from=10.0.0.5 reason=bad-mac count=3",
            }, Lines(text));
        }

        [Fact]
        public void A_peer_is_logged_when_its_status_changes_and_its_zone_returned_when_it_comes_alive()
        {
            var (log, text) = NewLog();
            var decisions = new DecisionLog("i-a", log);
            PeerAssessment B(PeerStatus status) => new PeerAssessment("i-b", "us-east-1b", status, FailureReason.None, "d");

            Assert.Equal(new[] { "us-east-1b" }, decisions.Peers(new[] { B(PeerStatus.Alive) }));
            Assert.Empty(decisions.Peers(new[] { B(PeerStatus.Alive) }));
            Assert.Empty(decisions.Peers(new[] { B(PeerStatus.Silent) }));
            Assert.Equal(new[] { "us-east-1b" }, decisions.Peers(new[] { B(PeerStatus.Alive) }));
            Assert.Empty(decisions.Peers(new PeerAssessment[0]));
            Assert.Equal(new[] { "us-east-1b" }, decisions.Peers(new[] { B(PeerStatus.Alive) })); // forgotten, so heard anew
            Assert.Equal(new[]
            {
                "hanat-monitor event=peer-heard peer=i-b zone=us-east-1b",
                "hanat-monitor event=peer-silent peer=i-b zone=us-east-1b detail=d",
                "hanat-monitor event=peer-recovered peer=i-b zone=us-east-1b",
                "hanat-monitor event=peer-heard peer=i-b zone=us-east-1b",
            }, Lines(text));
        }

        [Fact]
        public void A_zone_is_logged_when_its_outcome_changes_and_every_takeover_start()
        {
            var (log, text) = NewLog();
            var decisions = new DecisionLog("i-a", log);
            ZoneDecision Zone(ZoneOutcome outcome) => new ZoneDecision("us-east-1b", "i-b", FailureReason.Silent, outcome, "i-a");

            decisions.Zones(new[] { Zone(ZoneOutcome.ServedByPeer) }, z => "i-c");
            decisions.Zones(new[] { Zone(ZoneOutcome.ServedByPeer) }, z => "i-c");
            decisions.Zones(new[] { Zone(ZoneOutcome.TakeOver) }, z => null);
            decisions.Zones(new[] { Zone(ZoneOutcome.TakeOver) }, z => null);
            decisions.Zones(new[] { Zone(ZoneOutcome.InProgress) }, z => null);
            Assert.Equal(new[]
            {
                "hanat-monitor event=zone-served zone=us-east-1b failed=i-b reason=silent by=i-c",
                "hanat-monitor event=takeover-start zone=us-east-1b failed=i-b reason=silent by=i-a",
                "hanat-monitor event=takeover-start zone=us-east-1b failed=i-b reason=silent by=i-a",
            }, Lines(text));
        }

        private static VpcSnapshot ZoneB(string owner) => new VpcSnapshot("vpc-1",
            new[] { new SubnetInfo("subnet-b1", "us-east-1b", "10.0.3.0/24") },
            new[] { new RouteTableInfo("rtb-b", false, new[] { "subnet-b1" }, new DefaultRoute(RouteTargetKind.Instance, owner, owner, null, false)) });

        [Theory]
        [InlineData("i-b", true)]  // still the failed NAT's: take it
        [InlineData("i-a", true)]  // already this NAT's: the plan finds nothing to write
        [InlineData("i-d", true)]  // a NAT not alive: take it
        [InlineData("i-c", false)] // a live peer serves it: taking it would be a fight
        public void The_monitor_takes_a_zone_unless_a_live_peer_other_than_the_failed_one_serves_it(string owner, bool proceeds)
        {
            var (log, text) = NewLog();
            var action = new FailoverAction(ActionKind.TakeOverZone, "i-b", "us-east-1b", "silent");
            var observer = new MonitorTakeoverObserver(action, new[] { "i-b", "i-c" }, "i-a", PrivateSubnetTag.Parse(null), Stopwatch.StartNew(), log);
            Assert.Equal(proceeds, observer.Proceed(ZoneB(owner)));
            if (proceeds) Assert.Empty(Lines(text));
            else Assert.StartsWith("hanat-monitor event=takeover-skipped zone=us-east-1b failed=i-b served_by=i-c ms=", Assert.Single(Lines(text)));
        }
    }
}
