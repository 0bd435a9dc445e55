namespace HaNat.Monitor
{
    /// <summary>
    /// The failover bookkeeping the policy reads between decisions: who serves each zone (as last read, and as this
    /// NAT's own takeovers changed it), the takeovers it started, the zones still being taken, the instances it
    /// marked. Pure: no I/O and no clock of its own (times are seconds on the monitor's clock, passed in).
    /// <see cref="FailoverPolicy.Step"/> reads it and records the actions it decides; the loop tells it the rest
    /// (route reads, peers alive again, actions finished).
    /// </summary>
    internal sealed class FailoverState
    {
        private readonly string _selfId;
        private readonly Dictionary<string, string?> _routeOwners = new Dictionary<string, string?>(StringComparer.Ordinal);
        private readonly List<TakeoverRecord> _takeovers = new List<TakeoverRecord>();
        private readonly HashSet<string> _marked = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _inFlight = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _takenHere = new Dictionary<string, double>(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Gateway, double At)> _onNatGateway = new Dictionary<string, (string, double)>(StringComparer.Ordinal);

        public FailoverState(string selfId)
        {
            _selfId = selfId;
        }

        /// <summary>When the route owners were last read from EC2; null never.</summary>
        public double? RoutesReadAt { get; private set; }

        /// <summary>The instance the zone's routes point at, as far as this NAT knows; null when unknown or mixed.</summary>
        public string? OwnerOf(string zone) => _routeOwners.TryGetValue(zone, out var owner) ? owner : null;

        /// <summary>A copy of everything the policy reads, with this NAT's and its peers' views of the moment.</summary>
        public FailoverInput InputFor(double now, SelfView self, IReadOnlyList<PeerView> peers) => new FailoverInput(now, self, peers)
        {
            RouteOwners = new Dictionary<string, string?>(_routeOwners),
            RoutesReadAt = RoutesReadAt,
            Takeovers = _takeovers.ToList(),
            Marked = _marked.ToList(),
            InFlight = _inFlight.ToList(),
            TakenHere = _takenHere.Keys.ToList(),
            OnNatGateway = _onNatGateway.Keys.ToList(),
        };

        /// <summary>A route read from EC2 replaces what was known of the zones' owners.</summary>
        public void ApplyRouteRead(IReadOnlyDictionary<string, string?> owners, double readAt)
        {
            _routeOwners.Clear();
            foreach (var pair in owners) _routeOwners[pair.Key] = pair.Value;
            RoutesReadAt = readAt;
            // A read that began after this NAT's takeover of a zone and shows it elsewhere wins over the takeover.
            foreach (var taken in _takenHere.ToList())
            {
                if (readAt > taken.Value && (!owners.TryGetValue(taken.Key, out var owner) || owner != _selfId)) _takenHere.Remove(taken.Key);
            }
            foreach (var fell in _onNatGateway.ToList())
            {
                if (readAt > fell.Value.At && (!owners.TryGetValue(fell.Key, out var owner) || owner != fell.Value.Gateway)) _onNatGateway.Remove(fell.Key);
            }
        }

        /// <summary>A NAT of the zone came (back) alive: the zone is its own again (its boot takeover, or it never lost it).</summary>
        public void PeerAlive(string zone)
        {
            if (_routeOwners.TryGetValue(zone, out var owner) && (owner == _selfId || RouteOwnership.IsNatGateway(owner))) _routeOwners.Remove(zone);
            _takenHere.Remove(zone);
            _onNatGateway.Remove(zone);
        }

        /// <summary>One of the policy's actions was handed on to be carried out.</summary>
        public void Started(FailoverAction action, double now)
        {
            if (action.Kind == ActionKind.TakeOverZone)
            {
                _takeovers.Add(new TakeoverRecord(action.Zone!, action.InstanceId, now));
                _inFlight.Add(action.Zone!);
            }
            else
            {
                _marked.Add(action.InstanceId);
            }
        }

        /// <summary>Forgets takeovers older than any rate limit looks back.</summary>
        public void Prune(double now, FailoverSettings settings) =>
            _takeovers.RemoveAll(t => now - t.At > Math.Max(settings.GlobalWindowSeconds, settings.ZoneCooldownSeconds));

        /// <summary>
        /// An action finished. A takeover that went through makes this NAT the zone's owner until a route read that
        /// began later says otherwise; one that sent the zone to its NAT gateway makes the gateway the owner instead,
        /// and this NAT carries none of the zone's traffic.
        /// </summary>
        /// <param name="zoneOwner">What the zone's routes point at after the takeover; null: this NAT.</param>
        public void Finished(FailoverAction action, bool succeeded, double now, string? zoneOwner = null)
        {
            if (action.Kind != ActionKind.TakeOverZone) return;
            _inFlight.Remove(action.Zone!);
            if (!succeeded) return;
            var zone = action.Zone!;
            if (zoneOwner != null && RouteOwnership.IsNatGateway(zoneOwner))
            {
                _routeOwners[zone] = zoneOwner;
                _onNatGateway[zone] = (zoneOwner, now);
                _takenHere.Remove(zone);
                return;
            }
            _routeOwners[zone] = _selfId;
            _takenHere[zone] = now;
            _onNatGateway.Remove(zone);
        }
    }
}
