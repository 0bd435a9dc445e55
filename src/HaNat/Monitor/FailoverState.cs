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
        private readonly Dictionary<string, (int Failures, double At)> _retries = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Failures, double At)> _markRetries = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
        private readonly Ec2RetryPolicy _retry;
        private readonly Func<double> _unitRandom;

        /// <param name="retry">When a takeover or mark that EC2 failed is tried again (<see cref="Ec2RetryPolicy.Default"/>).</param>
        /// <param name="unitRandom">Uniform draws in [0, 1) for the retries' jitter; a fixed 0.5 when none is given.</param>
        public FailoverState(string selfId, Ec2RetryPolicy? retry = null, Func<double>? unitRandom = null)
        {
            _selfId = selfId;
            _retry = retry ?? Ec2RetryPolicy.Default;
            _unitRandom = unitRandom ?? (() => 0.5);
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
            // An instance whose mark EC2 failed is up to be marked again once its retry is due.
            Marked = _marked.Where(m => !(_markRetries.TryGetValue(m, out var retry) && retry.At <= now)).ToList(),
            InFlight = _inFlight.ToList(),
            TakenHere = _takenHere.Keys.ToList(),
            OnNatGateway = _onNatGateway.Keys.ToList(),
            RetryAt = _retries.ToDictionary(r => r.Key, r => r.Value.At, StringComparer.Ordinal),
        };

        /// <summary>The zones whose routes point at <paramref name="instanceId"/>, as far as this NAT knows.</summary>
        public IEnumerable<string> ZonesOwnedBy(string instanceId) =>
            _routeOwners.Where(p => p.Value == instanceId).Select(p => p.Key).ToList();

        /// <summary>Takeovers of the zone EC2 failed in a row (0 after a success, or once the zone's NAT is alive again).</summary>
        public int FailuresOf(string zone) => _retries.TryGetValue(zone, out var retry) ? retry.Failures : 0;

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
            _retries.Remove(zone);
        }

        /// <summary>
        /// Nothing of this NAT's own is pending: no takeover in flight, none waiting for a retry, no mark due again. (A
        /// mark whose retries are used up is never due again.)
        /// </summary>
        public bool Settled => _inFlight.Count == 0 && _retries.Count == 0 && _markRetries.Values.All(r => double.IsPositiveInfinity(r.At));

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
                // A retry under way is due again only when it, too, has failed.
                if (_markRetries.TryGetValue(action.InstanceId, out var retry)) _markRetries[action.InstanceId] = (retry.Failures, double.PositiveInfinity);
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
        /// <param name="transient">
        /// It failed because EC2 did (throttled, 5xx, no answer: <see cref="Ec2RetryPolicy.IsTransient(Exception)"/>). Such
        /// a takeover is tried again after <see cref="Ec2RetryPolicy.DelayAfter"/>, not after the zone's cool-down: the
        /// cool-down is there so that a zone is not moved back and forth, and this attempt moved nothing. For the same
        /// reason it is forgotten as a takeover (it counts toward no rate limit): EC2 down for a minute must not use up
        /// the NAT's takeovers for the next one. A mark is tried again the same way; any other failure is not retried
        /// early (a takeover waits the cool-down, a mark is not tried again), as before.
        /// </param>
        public void Finished(FailoverAction action, bool succeeded, double now, string? zoneOwner = null, bool transient = false)
        {
            if (action.Kind != ActionKind.TakeOverZone)
            {
                if (succeeded) _markRetries.Remove(action.InstanceId);
                else if (transient) CountFailure(_markRetries, action.InstanceId, now, now);
                return;
            }
            _inFlight.Remove(action.Zone!);
            if (!succeeded)
            {
                // The wait counts from the attempt's start: one that ran into its calls' timeout has waited already, and
                // the next goes at once (attempts stay at least a timeout apart), so a call EC2 never answered costs the
                // zone its timeout, not the timeout and a retry interval on top.
                var startedAt = _takeovers.LastOrDefault(t => t.Zone == action.Zone && t.FailedInstanceId == action.InstanceId)?.At ?? now;
                if (transient && CountFailure(_retries, action.Zone!, startedAt, now).HasValue) ForgetAttempt(action);
                return;
            }
            _retries.Remove(action.Zone!);
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

        /// <summary>
        /// One more failure in a row of <paramref name="key"/>: when the next attempt is due, or null once the fast retries
        /// are used up (the count goes on; a success or the zone's NAT alive again resets it).
        /// </summary>
        /// <param name="from">When the failed attempt started: the wait counts from then, and never ends before <paramref name="now"/>.</param>
        private double? CountFailure(Dictionary<string, (int Failures, double At)> retries, string key, double from, double now)
        {
            var failures = (retries.TryGetValue(key, out var previous) ? previous.Failures : 0) + 1;
            var delay = _retry.DelayAfter(failures, _unitRandom());
            var due = delay.HasValue ? Math.Max(from + delay.Value, now) : (double?)null;
            // Used up: a takeover is paced by the cool-down (its attempt stays recorded), a mark is not tried again.
            retries[key] = (failures, due ?? (retries == _markRetries ? double.PositiveInfinity : now));
            return due;
        }

        /// <summary>The record of the takeover that just failed (the zone's latest), so that it counts toward no rate limit.</summary>
        private void ForgetAttempt(FailoverAction action)
        {
            var index = _takeovers.FindLastIndex(t => t.Zone == action.Zone && t.FailedInstanceId == action.InstanceId);
            if (index >= 0) _takeovers.RemoveAt(index);
        }
    }
}
