using System.Linq;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    public class PeerTableTests
    {
        private static Heartbeat Beat(string id, bool healthy = true, string zone = "us-east-1b") =>
            new Heartbeat(id, zone, 1, 0, healthy, healthy ? null : new[] { "Forward" }, new[] { "i-a" });

        [Fact]
        public void ListsPeersButNeverItself()
        {
            var table = new PeerTable("i-a");
            Assert.True(table.ApplyListing(new[] { new PeerListing("i-a", "us-east-1a", "10.0.0.1"), new PeerListing("i-b", "us-east-1b", "10.0.1.1") }, 5));
            var peer = Assert.Single(table.Views);
            Assert.Equal(("i-b", "us-east-1b", 5.0), (peer.InstanceId, peer.Zone, peer.KnownSince));
            Assert.Equal(new[] { "10.0.1.1" }, table.Addresses);
            Assert.False(table.ApplyListing(new[] { new PeerListing("i-b", "us-east-1b", "10.0.1.1") }, 10));
            Assert.False(table.ApplyBeat(Beat("i-a"), "10.0.0.1", 11, out _));
        }

        [Fact]
        public void CountsUnhealthyReportsInARowAndResetsOnAHealthyOne()
        {
            var table = new PeerTable("i-a");
            table.ApplyListing(new[] { new PeerListing("i-b", "us-east-1b", "10.0.1.1") }, 0);
            table.ApplyBeat(Beat("i-b", healthy: false), null, 1, out _);
            table.ApplyBeat(Beat("i-b", healthy: false), null, 2, out _);
            var view = table.Find("i-b")!;
            Assert.Equal((2, false, 2.0), (view.UnhealthyStreak, view.ReportsHealthy, view.LastBeatAt!.Value));
            Assert.Equal(new[] { "Forward" }, view.FailingChecks);
            Assert.Equal(new[] { "i-a" }, view.Hears);
            table.ApplyBeat(Beat("i-b"), null, 3, out _);
            Assert.Equal(0, table.Find("i-b")!.UnhealthyStreak);
        }

        [Fact]
        public void AnUnknownSenderIsAddedAtItsSourceAddress()
        {
            var table = new PeerTable("i-a");
            Assert.True(table.ApplyBeat(Beat("i-new", zone: "us-east-1c"), "10.0.2.9", 4, out var newPeer));
            Assert.True(newPeer);
            Assert.Equal("us-east-1c", table.Find("i-new")!.Zone);
            Assert.Equal(new[] { "10.0.2.9" }, table.Addresses);
        }

        [Fact]
        public void KeepsAPeerEc2StoppedListingForAWhileThenForgetsIt()
        {
            var table = new PeerTable("i-a");
            table.ApplyListing(new[] { new PeerListing("i-b", "us-east-1b", "10.0.1.1") }, 0);
            Assert.True(table.ApplyListing(new PeerListing[0], 10));
            Assert.False(table.Find("i-b")!.Listed);
            Assert.Empty(table.Addresses);
            table.ApplyListing(new PeerListing[0], 10 + PeerTable.GoneRetentionSeconds - 1);
            Assert.NotNull(table.Find("i-b"));
            table.ApplyListing(new PeerListing[0], 10 + PeerTable.GoneRetentionSeconds + 1);
            Assert.Null(table.Find("i-b"));
        }

        [Fact]
        public void HearsOnlyPeersWithinTheWindow()
        {
            var table = new PeerTable("i-a");
            table.ApplyBeat(Beat("i-b"), "10.0.1.1", 10, out _);
            table.ApplyBeat(Beat("i-c", zone: "us-east-1c"), "10.0.2.1", 7, out _);
            Assert.Equal(new[] { "i-b" }, table.HeardWithin(10.5, 2.25));
            Assert.Equal(new[] { "i-b", "i-c" }, table.HeardWithin(9, 2.25).ToArray());
        }
    }
}
