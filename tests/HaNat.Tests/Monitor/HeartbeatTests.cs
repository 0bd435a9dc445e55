using System;
using System.Linq;
using System.Text;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    public class HeartbeatTests
    {
        private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private const long Now = 1_700_000_000_000;

        private static Heartbeat Beat(ulong sequence = 100, long sentAt = Now, bool healthy = true, string id = "i-0abc") =>
            new Heartbeat(id, "us-east-1a", sequence, sentAt, healthy, healthy ? null : new[] { "IpForward", "Masquerade" }, new[] { "i-0def", "i-0123" });

        private static HeartbeatVerifier Verifier() => new HeartbeatVerifier(Key, TimeSpan.FromSeconds(30));

        [Fact]
        public void RoundTripsEveryField()
        {
            var datagram = HeartbeatCodec.Encode(Beat(healthy: false), Key);
            Assert.Equal(HeartbeatVerdict.Accepted, Verifier().Verify(datagram, datagram.Length, Now, out var beat));
            Assert.Equal("i-0abc", beat!.InstanceId);
            Assert.Equal("us-east-1a", beat.Zone);
            Assert.Equal(100UL, beat.Sequence);
            Assert.Equal(Now, beat.SentAtUnixMs);
            Assert.False(beat.Healthy);
            Assert.Equal(new[] { "IpForward", "Masquerade" }, beat.FailingChecks);
            Assert.Equal(new[] { "i-0def", "i-0123" }, beat.Hears);
        }

        [Fact]
        public void IsCompact()
        {
            Assert.True(HeartbeatCodec.Encode(Beat(), Key).Length < 120);
        }

        [Fact]
        public void DropsAnyChangedByte()
        {
            var datagram = HeartbeatCodec.Encode(Beat(), Key);
            for (var i = 0; i < datagram.Length; i++)
            {
                var tampered = (byte[])datagram.Clone();
                tampered[i] ^= 0x01;
                Assert.NotEqual(HeartbeatVerdict.Accepted, Verifier().Verify(tampered, tampered.Length, Now, out var beat));
                Assert.Null(beat);
            }
        }

        [Fact]
        public void DropsTheHealthFlagFlippedWithoutTheKey()
        {
            // The one bit an attacker wants: "healthy" → "unhealthy" to start a failover.
            var datagram = HeartbeatCodec.Encode(Beat(), Key);
            datagram[3] = 0;
            Assert.Equal(HeartbeatVerdict.BadMac, Verifier().Verify(datagram, datagram.Length, Now, out _));
        }

        [Fact]
        public void DropsAHeartbeatMadeWithAnotherKey()
        {
            var other = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();
            var datagram = HeartbeatCodec.Encode(Beat(), other);
            Assert.Equal(HeartbeatVerdict.BadMac, Verifier().Verify(datagram, datagram.Length, Now, out _));
        }

        [Fact]
        public void DropsAReplayAndAnyOlderSequence()
        {
            var verifier = Verifier();
            var first = HeartbeatCodec.Encode(Beat(sequence: 100), Key);
            Assert.Equal(HeartbeatVerdict.Accepted, verifier.Verify(first, first.Length, Now, out _));
            Assert.Equal(HeartbeatVerdict.Replay, verifier.Verify(first, first.Length, Now, out _));
            var older = HeartbeatCodec.Encode(Beat(sequence: 99), Key);
            Assert.Equal(HeartbeatVerdict.Replay, verifier.Verify(older, older.Length, Now, out _));
            var next = HeartbeatCodec.Encode(Beat(sequence: 101), Key);
            Assert.Equal(HeartbeatVerdict.Accepted, verifier.Verify(next, next.Length, Now, out _));
            // Sequences are per sender.
            var otherSender = HeartbeatCodec.Encode(Beat(sequence: 5, id: "i-0fff"), Key);
            Assert.Equal(HeartbeatVerdict.Accepted, verifier.Verify(otherSender, otherSender.Length, Now, out _));
        }

        [Theory]
        [InlineData(-30_001, HeartbeatVerdict.Stale)]
        [InlineData(-30_000, HeartbeatVerdict.Accepted)]
        [InlineData(29_999, HeartbeatVerdict.Accepted)]
        [InlineData(30_001, HeartbeatVerdict.Stale)]
        public void DropsABeatSentOutsideTheWindow(long offsetMs, object expectedArgument)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var expected = (HeartbeatVerdict)expectedArgument;
            var datagram = HeartbeatCodec.Encode(Beat(sentAt: Now + offsetMs), Key);
            Assert.Equal(expected, Verifier().Verify(datagram, datagram.Length, Now, out _));
        }

        [Fact]
        public void AStaleBeatDoesNotAdvanceTheSequence()
        {
            var verifier = Verifier();
            var stale = HeartbeatCodec.Encode(Beat(sequence: 500, sentAt: Now - 60_000), Key);
            Assert.Equal(HeartbeatVerdict.Stale, verifier.Verify(stale, stale.Length, Now, out _));
            var fresh = HeartbeatCodec.Encode(Beat(sequence: 200), Key);
            Assert.Equal(HeartbeatVerdict.Accepted, verifier.Verify(fresh, fresh.Length, Now, out _));
        }

        [Fact]
        public void DropsGarbageAndTruncations()
        {
            var verifier = Verifier();
            Assert.Equal(HeartbeatVerdict.Malformed, verifier.Verify(new byte[0], 0, Now, out _));
            Assert.Equal(HeartbeatVerdict.Malformed, verifier.Verify(Encoding.ASCII.GetBytes("hello"), 5, Now, out _));
            var datagram = HeartbeatCodec.Encode(Beat(), Key);
            Assert.NotEqual(HeartbeatVerdict.Accepted, verifier.Verify(datagram, datagram.Length - 1, Now, out _));
            Assert.Equal(HeartbeatVerdict.Malformed, verifier.Verify(new byte[2000], 2000, Now, out _));
        }

        [Fact]
        public void RefusesAShortKey()
        {
            Assert.Throws<ArgumentException>(() => new HeartbeatVerifier(new byte[15], TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public void KeyFromSsmIsBase64OfAtLeast16Bytes()
        {
            Assert.Equal(Key, HeartbeatKeySource.Parse(" " + Convert.ToBase64String(Key) + "\n", "/hanat/x/heartbeat-key"));
            Assert.Equal("HeartbeatKeyInvalid", Assert.Throws<HaNatException>(() => HeartbeatKeySource.Parse("not base64!", "/p")).ErrorId);
            var shortKey = Assert.Throws<HaNatException>(() => HeartbeatKeySource.Parse(Convert.ToBase64String(new byte[8]), "/p"));
            Assert.Contains("8 bytes", shortKey.Message);
            Assert.Equal("/hanat/prod/heartbeat-key", HeartbeatKeySource.DefaultParameterName("prod"));
        }
    }
}
