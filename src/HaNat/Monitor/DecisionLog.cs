namespace HaNat.Monitor
{
    /// <summary>
    /// Logs the policy's verdicts on peers and zones as changes only: a line when a peer's status or a zone's outcome
    /// changes (a takeover start every time), not every step.
    /// </summary>
    internal sealed class DecisionLog
    {
        private readonly string _selfId;
        private readonly MonitorLog _log;
        private readonly Dictionary<string, PeerStatus> _peerStatus = new Dictionary<string, PeerStatus>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _zoneState = new Dictionary<string, string>(StringComparer.Ordinal);

        public DecisionLog(string selfId, MonitorLog log)
        {
            _selfId = selfId;
            _log = log;
        }

        /// <summary>Logs the peers whose status changed; returns the zones of those that became alive.</summary>
        public IReadOnlyList<string> Peers(IReadOnlyList<PeerAssessment> peers)
        {
            var aliveAgain = new List<string>();
            foreach (var peer in peers)
            {
                _peerStatus.TryGetValue(peer.InstanceId, out var before);
                var known = _peerStatus.ContainsKey(peer.InstanceId);
                if (known && before == peer.Status) continue;
                _peerStatus[peer.InstanceId] = peer.Status;
                switch (peer.Status)
                {
                    case PeerStatus.Alive:
                        _log.Event(known && before != PeerStatus.Pending ? "peer-recovered" : "peer-heard", ("peer", peer.InstanceId), ("zone", peer.Zone));
                        aliveAgain.Add(peer.Zone);
                        break;
                    case PeerStatus.Unhealthy:
                        _log.Event("peer-unhealthy", ("peer", peer.InstanceId), ("zone", peer.Zone), ("detail", peer.Detail));
                        break;
                    case PeerStatus.Silent:
                        _log.Event("peer-silent", ("peer", peer.InstanceId), ("zone", peer.Zone), ("detail", peer.Detail));
                        break;
                    case PeerStatus.Leaving:
                        _log.Event("peer-leaving", ("peer", peer.InstanceId), ("zone", peer.Zone));
                        break;
                    case PeerStatus.Departed:
                        _log.Event("peer-departed", ("peer", peer.InstanceId), ("zone", peer.Zone), ("detail", peer.Detail));
                        break;
                    case PeerStatus.Failed:
                        _log.Event("peer-failed", ("peer", peer.InstanceId), ("zone", peer.Zone), ("reason", FailoverPolicy.Describe(peer.Reason)), ("detail", peer.Detail));
                        break;
                }
            }
            foreach (var gone in _peerStatus.Keys.Except(peers.Select(p => p.InstanceId)).ToList()) _peerStatus.Remove(gone);
            return aliveAgain;
        }

        /// <param name="ownerOf">Who serves a zone, for the zone-served line.</param>
        public void Zones(IReadOnlyList<ZoneDecision> zones, Func<string, string?> ownerOf)
        {
            foreach (var zone in zones)
            {
                var state = $"{zone.Outcome}|{zone.FailedInstanceId}|{zone.Chooser}";
                if (_zoneState.TryGetValue(zone.Zone, out var before) && before == state && zone.Outcome != ZoneOutcome.TakeOver) continue;
                _zoneState[zone.Zone] = state;
                var fields = new (string, object?)[] { ("zone", zone.Zone), ("failed", zone.FailedInstanceId), ("reason", FailoverPolicy.Describe(zone.Reason)) };
                switch (zone.Outcome)
                {
                    case ZoneOutcome.TakeOver: _log.Event("takeover-start", fields.Append(("by", _selfId)).ToArray()); break;
                    case ZoneOutcome.Standby: _log.Event("standby", fields.Append(("by", zone.Chooser)).ToArray()); break;
                    case ZoneOutcome.AlreadyOwned: _log.Event("zone-owned", fields.Append(("by", _selfId)).ToArray()); break;
                    case ZoneOutcome.ServedByPeer: _log.Event("zone-served", fields.Append(("by", ownerOf(zone.Zone))).ToArray()); break;
                    case ZoneOutcome.RateLimited: _log.Event("rate-limited", fields); break;
                    case ZoneOutcome.InProgress: break;
                    case ZoneOutcome.OnNatGateway: _log.Event("zone-on-nat-gateway", fields.Append(("by", ownerOf(zone.Zone))).ToArray()); break;
                    case ZoneOutcome.SelfUnhealthy: _log.Event("no-claim", fields.Append(("because", "self-unhealthy")).ToArray()); break;
                }
            }
            foreach (var gone in _zoneState.Keys.Except(zones.Select(z => z.Zone)).ToList()) _zoneState.Remove(gone);
        }
    }
}
