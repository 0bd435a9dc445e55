namespace HaNat.Monitor
{
    /// <summary>
    /// What this NAT has learnt of its peers, from EC2 listings and from their valid beats, as <see cref="PeerView"/>s
    /// for the policy. Keeps a peer EC2 stopped listing for <see cref="GoneRetentionSeconds"/>, so that its zone can
    /// still be taken over. Pure apart from its own memory; times are seconds on the monitor's clock.
    /// </summary>
    internal sealed class PeerTable
    {
        public const double GoneRetentionSeconds = 300;

        private readonly string _self;
        private readonly Dictionary<string, Entry> _peers = new Dictionary<string, Entry>(StringComparer.Ordinal);

        public PeerTable(string selfInstanceId)
        {
            _self = selfInstanceId;
        }

        private sealed class Entry
        {
            public Entry(PeerView view, string? address)
            {
                View = view;
                Address = address;
            }

            public PeerView View;
            public string? Address;
            public double? UnlistedAt;
        }

        /// <summary>The peers' addresses to send beats to: every peer EC2 lists (or that has beaten from an address).</summary>
        public IReadOnlyList<string> Addresses => _peers.Values.Where(e => e.View.Listed && e.Address != null).Select(e => e.Address!).Distinct().ToList();

        public IReadOnlyList<PeerView> Views => _peers.Values.Select(e => e.View).OrderBy(v => v.InstanceId, StringComparer.Ordinal).ToList();

        public PeerView? Find(string instanceId) => _peers.TryGetValue(instanceId, out var entry) ? entry.View : null;

        /// <summary>Applies a fresh EC2 listing; returns whether the set of listed peers changed.</summary>
        public bool ApplyListing(IEnumerable<PeerListing> listing, double now)
        {
            var changed = false;
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var peer in listing.Where(p => p.InstanceId != _self))
            {
                listed.Add(peer.InstanceId);
                if (_peers.TryGetValue(peer.InstanceId, out var entry))
                {
                    if (!entry.View.Listed || entry.View.Zone != peer.Zone) changed = true;
                    var view = entry.View.Zone == peer.Zone ? entry.View : Copy(entry.View, peer.Zone);
                    view.Listed = true;
                    view.UnlistedAt = null;
                    entry.View = view;
                    entry.UnlistedAt = null;
                    entry.Address = peer.PrivateIpAddress ?? entry.Address;
                }
                else
                {
                    _peers[peer.InstanceId] = new Entry(new PeerView(peer.InstanceId, peer.Zone, now), peer.PrivateIpAddress);
                    changed = true;
                }
            }
            foreach (var pair in _peers.ToList())
            {
                if (listed.Contains(pair.Key)) continue;
                var entry = pair.Value;
                if (entry.View.Listed)
                {
                    entry.View.Listed = false;
                    entry.View.UnlistedAt = now;
                    entry.UnlistedAt = now;
                    changed = true;
                }
                else if (entry.UnlistedAt.HasValue && now - entry.UnlistedAt.Value > GoneRetentionSeconds)
                {
                    _peers.Remove(pair.Key);
                }
            }
            return changed;
        }

        /// <summary>Records a valid beat; returns false for a beat of this NAT's own id, which is ignored.</summary>
        public bool ApplyBeat(Heartbeat beat, string? sourceAddress, double now, out bool newPeer)
        {
            newPeer = false;
            if (beat.InstanceId == _self) return false;
            if (!_peers.TryGetValue(beat.InstanceId, out var entry))
            {
                // A NAT EC2 has not listed to this one yet (it just booted): heard is heard; the next listing confirms it.
                entry = new Entry(new PeerView(beat.InstanceId, beat.Zone, now), sourceAddress);
                _peers[beat.InstanceId] = entry;
                newPeer = true;
            }
            var view = entry.View;
            view.LastBeatAt = now;
            view.ReportsHealthy = beat.Healthy;
            view.UnhealthyStreak = beat.Healthy ? 0 : view.UnhealthyStreak + 1;
            view.FailingChecks = beat.FailingChecks;
            view.Hears = beat.Hears.ToList();
            // The verifier accepts only a sequence above the last, so a beat that does not say leaving after one that
            // did comes from a later run of its monitor: the NAT is back.
            if (beat.Leaving) view.LeavingSince ??= now;
            else view.LeavingSince = null;
            entry.Address ??= sourceAddress;
            return true;
        }

        /// <summary>The address beats go to for a peer, if known.</summary>
        public string? AddressOf(string instanceId) => _peers.TryGetValue(instanceId, out var entry) ? entry.Address : null;

        /// <summary>Records the answer (or not) to an ICMP echo sent to a peer at <paramref name="sentAt"/>; an older result never overwrites a newer one.</summary>
        public void ApplyReach(string instanceId, bool reachable, double sentAt)
        {
            if (!_peers.TryGetValue(instanceId, out var entry)) return;
            if (entry.View.ReachCheckedAt.HasValue && entry.View.ReachCheckedAt.Value > sentAt) return;
            entry.View.Reachable = reachable;
            entry.View.ReachCheckedAt = sentAt;
        }

        /// <summary>The peers heard within the window: what this NAT's beat says it hears.</summary>
        public IReadOnlyList<string> HeardWithin(double now, double windowSeconds) =>
            _peers.Values.Where(e => e.View.LastBeatAt.HasValue && now - e.View.LastBeatAt.Value <= windowSeconds)
                .Select(e => e.View.InstanceId).OrderBy(id => id, StringComparer.Ordinal).ToList();

        private static PeerView Copy(PeerView view, string zone) => new PeerView(view.InstanceId, zone, view.KnownSince)
        {
            LastBeatAt = view.LastBeatAt,
            ReportsHealthy = view.ReportsHealthy,
            UnhealthyStreak = view.UnhealthyStreak,
            FailingChecks = view.FailingChecks,
            Hears = view.Hears,
            Listed = view.Listed,
            UnlistedAt = view.UnlistedAt,
            Reachable = view.Reachable,
            ReachCheckedAt = view.ReachCheckedAt,
            LeavingSince = view.LeavingSince,
        };
    }
}
