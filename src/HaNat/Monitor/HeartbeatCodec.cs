using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HaNat.Monitor
{
    /// <summary>
    /// The heartbeat's wire format, one UDP datagram, big-endian:
    /// <code>
    /// "HN" | version u8 | flags u8 (bit 0: healthy, bit 1: leaving) | sequence u64 | sent-at unix ms i64 |
    /// instance id | zone | u8 count, failing check names | u8 count, heard peer ids | HMAC-SHA256 (32 bytes)
    /// </code>
    /// where each string is a u8 length and UTF-8 bytes. The MAC covers every byte before it and is checked before
    /// anything else is read, so a forged datagram is never parsed. Pure.
    ///
    /// The leaving flag is a new bit in the same version 1 layout, so a fleet of mixed monitors keeps working: an
    /// older monitor reads only bit 0 and takes a leaving NAT's beat for an ordinary one (it sees the NAT alive until
    /// it stops beating, then silent, as before planned departures were told: by then its zone is on a peer, so the
    /// older monitor finds it served and neither takes it nor marks the NAT). A newer monitor reads the beat of an
    /// older one as never leaving. Bits above 1 are ignored, for the same reason.
    /// </summary>
    internal static class HeartbeatCodec
    {
        public const int MacLength = 32;
        public const int MaxDatagram = 1200;
        private const int HeaderLength = 2 + 1 + 1 + 8 + 8;
        private const int HealthyFlag = 1;
        private const int LeavingFlag = 2;
        private static readonly byte[] Magic = { (byte)'H', (byte)'N' };

        public static byte[] Encode(Heartbeat beat, byte[] key)
        {
            using var body = new MemoryStream();
            body.Write(Magic, 0, Magic.Length);
            body.WriteByte(Heartbeat.CurrentVersion);
            body.WriteByte((byte)((beat.Healthy ? HealthyFlag : 0) | (beat.Leaving ? LeavingFlag : 0)));
            WriteBigEndian(body, beat.Sequence);
            WriteBigEndian(body, unchecked((ulong)beat.SentAtUnixMs));
            WriteString(body, beat.InstanceId);
            WriteString(body, beat.Zone);
            WriteList(body, beat.FailingChecks);
            WriteList(body, beat.Hears);
            var payload = body.ToArray();
            using var hmac = new HMACSHA256(key);
            var mac = hmac.ComputeHash(payload);
            var datagram = new byte[payload.Length + MacLength];
            Buffer.BlockCopy(payload, 0, datagram, 0, payload.Length);
            Buffer.BlockCopy(mac, 0, datagram, payload.Length, MacLength);
            if (datagram.Length > MaxDatagram) throw new ArgumentException($"A heartbeat of {datagram.Length} bytes exceeds {MaxDatagram}.", nameof(beat));
            return datagram;
        }

        /// <summary>Whether the datagram's MAC is right for this key; constant time in the MAC's bytes.</summary>
        public static bool Authentic(byte[] datagram, int length, byte[] key)
        {
            if (length < HeaderLength + MacLength || length > datagram.Length) return false;
            using var hmac = new HMACSHA256(key);
            var expected = hmac.ComputeHash(datagram, 0, length - MacLength);
            var difference = 0;
            for (var i = 0; i < MacLength; i++) difference |= expected[i] ^ datagram[length - MacLength + i];
            return difference == 0;
        }

        /// <summary>Reads an authenticated datagram; null when its layout is wrong (unknown version, truncated, bad UTF-8).</summary>
        public static Heartbeat? Decode(byte[] datagram, int length)
        {
            try
            {
                var end = length - MacLength;
                if (end < HeaderLength || datagram[0] != Magic[0] || datagram[1] != Magic[1] || datagram[2] != Heartbeat.CurrentVersion) return null;
                var flags = datagram[3];
                var at = 4;
                var sequence = ReadBigEndian(datagram, ref at, end);
                var sentAt = unchecked((long)ReadBigEndian(datagram, ref at, end));
                var id = ReadString(datagram, ref at, end);
                var zone = ReadString(datagram, ref at, end);
                var failing = ReadList(datagram, ref at, end);
                var hears = ReadList(datagram, ref at, end);
                if (at != end || id.Length == 0) return null;
                return new Heartbeat(id, zone, sequence, sentAt, (flags & HealthyFlag) != 0, failing, hears, (flags & LeavingFlag) != 0);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static void WriteBigEndian(Stream stream, ulong value)
        {
            for (var shift = 56; shift >= 0; shift -= 8) stream.WriteByte((byte)(value >> shift));
        }

        private static void WriteString(Stream stream, string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value ?? "");
            if (bytes.Length > byte.MaxValue) throw new ArgumentException($"'{value}' is longer than {byte.MaxValue} bytes.");
            stream.WriteByte((byte)bytes.Length);
            stream.Write(bytes, 0, bytes.Length);
        }

        private static void WriteList(Stream stream, IReadOnlyList<string> values)
        {
            if (values.Count > byte.MaxValue) throw new ArgumentException($"A heartbeat list holds at most {byte.MaxValue} names.");
            stream.WriteByte((byte)values.Count);
            foreach (var value in values) WriteString(stream, value);
        }

        private static ulong ReadBigEndian(byte[] data, ref int at, int end)
        {
            if (at + 8 > end) throw new FormatException("truncated");
            ulong value = 0;
            for (var i = 0; i < 8; i++) value = (value << 8) | data[at++];
            return value;
        }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        private static string ReadString(byte[] data, ref int at, int end)
        {
            if (at >= end) throw new FormatException("truncated");
            var length = data[at++];
            if (at + length > end) throw new FormatException("truncated");
            string value;
            try
            {
                value = StrictUtf8.GetString(data, at, length);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException("bad UTF-8", ex);
            }
            at += length;
            return value;
        }

        private static IReadOnlyList<string> ReadList(byte[] data, ref int at, int end)
        {
            if (at >= end) throw new FormatException("truncated");
            var count = data[at++];
            var values = new List<string>(count);
            for (var i = 0; i < count; i++) values.Add(ReadString(data, ref at, end));
            return values;
        }
    }
}
