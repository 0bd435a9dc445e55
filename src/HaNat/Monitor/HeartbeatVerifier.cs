namespace HaNat.Monitor
{
    /// <summary>
    /// Accepts a heartbeat only when it is authentic (HMAC-SHA256 with the shared key), fresh (sent within ±window of
    /// this host's clock) and new (its sequence above the last accepted from that sender). So a spoofed or replayed
    /// datagram can neither keep a dead NAT "alive" nor make a live one look failed. Pure apart from the memory of
    /// each sender's last sequence; not thread-safe (the monitor loop owns it).
    /// </summary>
    internal sealed class HeartbeatVerifier
    {
        private readonly byte[] _key;
        private readonly long _windowMs;
        private readonly Dictionary<string, ulong> _lastSequence = new Dictionary<string, ulong>(StringComparer.Ordinal);

        public HeartbeatVerifier(byte[] key, TimeSpan window)
        {
            if (key == null || key.Length < 16) throw new ArgumentException("A heartbeat key has at least 16 bytes.", nameof(key));
            _key = (byte[])key.Clone();
            _windowMs = (long)window.TotalMilliseconds;
        }

        public HeartbeatVerdict Verify(byte[] datagram, int length, long nowUnixMs, out Heartbeat? beat)
        {
            beat = null;
            if (length > HeartbeatCodec.MaxDatagram || length > datagram.Length) return HeartbeatVerdict.Malformed;
            if (!HeartbeatCodec.Authentic(datagram, length, _key)) return length < HeartbeatCodec.MacLength + 20 ? HeartbeatVerdict.Malformed : HeartbeatVerdict.BadMac;
            var decoded = HeartbeatCodec.Decode(datagram, length);
            if (decoded == null) return HeartbeatVerdict.Malformed;
            if (Math.Abs(nowUnixMs - decoded.SentAtUnixMs) > _windowMs) return HeartbeatVerdict.Stale;
            if (_lastSequence.TryGetValue(decoded.InstanceId, out var last) && decoded.Sequence <= last) return HeartbeatVerdict.Replay;
            _lastSequence[decoded.InstanceId] = decoded.Sequence;
            beat = decoded;
            return HeartbeatVerdict.Accepted;
        }
    }
}
