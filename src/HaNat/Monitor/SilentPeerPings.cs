namespace HaNat.Monitor
{
    /// <summary>
    /// Pings each listed peer that missed two beats in a row, at most every reach interval, and records the answers in
    /// the <see cref="PeerTable"/>: a NAT that hears nobody needs them to tell a host that is down from lost beats.
    /// Two, not one: with frequent beats a single lost one is common (a ping a second per peer at 10% loss), and the
    /// verdict of an echo sent after two is still in well before a NAT alone may act
    /// (<see cref="FailoverSettings.LoneSilentAfterSeconds"/>).
    /// </summary>
    internal sealed class SilentPeerPings
    {
        private readonly FailoverSettings _settings;
        private readonly PeerPinger _pinger;
        private readonly Dictionary<string, double> _lastPing = new Dictionary<string, double>(StringComparer.Ordinal);

        public SilentPeerPings(FailoverSettings settings)
        {
            _settings = settings;
            _pinger = new PeerPinger(TimeSpan.FromSeconds(settings.ReachIntervalSeconds));
        }

        public void Run(PeerTable peers, double now)
        {
            foreach (var result in _pinger.Drain()) peers.ApplyReach(result.InstanceId, result.Reachable, result.SentAt);
            var views = peers.Views;
            // Peers the table has forgotten (replaced long ago) are forgotten here too.
            foreach (var gone in _lastPing.Keys.Where(id => views.All(v => v.InstanceId != id)).ToList()) _lastPing.Remove(gone);
            foreach (var peer in views)
            {
                var missed = peer.LastBeatAt.HasValue
                    ? now - peer.LastBeatAt.Value > 2 * _settings.IntervalSeconds + _settings.MarginSeconds
                    : now - peer.KnownSince > _settings.NeverHeardGraceSeconds;
                if (!missed || !peer.Listed) continue;
                if (_lastPing.TryGetValue(peer.InstanceId, out var last) && now - last < _settings.ReachIntervalSeconds) continue;
                var address = peers.AddressOf(peer.InstanceId);
                if (address == null) continue;
                _lastPing[peer.InstanceId] = now;
                _pinger.Ping(peer.InstanceId, address, now);
            }
        }
    }
}
