using System.Diagnostics;
using HaNat.Model;

namespace HaNat.Monitor
{
    /// <summary>
    /// The heartbeat I/O: signs and sends this NAT's beat to its peers, and takes in theirs, verified, into the
    /// <see cref="PeerTable"/>. Nothing is sent or accepted before the heartbeat key is known.
    /// </summary>
    internal sealed class HeartbeatLink : IDisposable
    {
        private readonly MonitorOptions _options;
        private readonly MonitorLog _log;
        private readonly HeartbeatTransport _transport;
        private readonly HeartbeatDropLog _drops;
        private HeartbeatVerifier? _verifier;
        private byte[]? _key;
        private ulong _sequence = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        private bool _loggedNoKeyDrop;

        public HeartbeatLink(MonitorOptions options, Stopwatch clock, MonitorLog log)
        {
            _options = options;
            _log = log;
            _transport = new HeartbeatTransport(options.Port, clock);
            _drops = new HeartbeatDropLog(log);
        }

        /// <summary>The UDP port bound (the one asked for, or the system's pick for 0).</summary>
        public int Port => _transport.Port;

        public bool HasKey => _verifier != null;

        /// <summary>Takes the key once it is known; later keys are ignored, as before a restart.</summary>
        public void Arm(byte[]? key)
        {
            if (_verifier != null || key == null) return;
            _key = key;
            _verifier = new HeartbeatVerifier(key, TimeSpan.FromSeconds(_options.FreshnessWindowSeconds));
        }

        public void Send(PeerTable peers, bool healthy, IReadOnlyList<DataPlaneCheck> checks, double hearWindowSeconds, double now, bool leaving = false)
        {
            if (_key == null) return;
            var beat = new Heartbeat(_options.InstanceId, _options.Zone, ++_sequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                healthy, checks.Where(c => !c.Healthy).Select(c => c.Name).ToList(), peers.HeardWithin(now, hearWindowSeconds), leaving);
            _transport.Send(HeartbeatCodec.Encode(beat, _key), peers.Addresses, _options.Port);
        }

        /// <summary>Applies every datagram received since the last call; returns whether a peer EC2 did not list yet beat.</summary>
        public bool Receive(PeerTable peers, double now)
        {
            var newPeer = false;
            var overflow = _transport.TakeOverflow();
            if (overflow > 0) _log.Event("heartbeat-overflow", ("dropped", overflow));
            var wallNow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var datagram in _transport.Drain())
            {
                if (_verifier == null)
                {
                    if (!_loggedNoKeyDrop) _log.Event("heartbeat-ignored", ("from", datagram.Source), ("reason", "no heartbeat key yet"));
                    _loggedNoKeyDrop = true;
                    continue;
                }
                var verdict = _verifier.Verify(datagram.Data, datagram.Data.Length, wallNow, out var beat);
                if (verdict != HeartbeatVerdict.Accepted)
                {
                    _drops.Dropped(datagram.Source, verdict, now);
                    continue;
                }
                if (peers.ApplyBeat(beat!, datagram.Source, datagram.ReceivedAt, out var isNew) && isNew) newPeer = true;
            }
            return newPeer;
        }

        public void Dispose() => _transport.Dispose();
    }
}
