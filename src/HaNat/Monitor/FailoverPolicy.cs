using System.Globalization;

namespace HaNat.Monitor
{
    /// <summary>
    /// Decides, with no I/O, which failed zones this NAT takes over and which instances it marks Unhealthy.
    ///
    /// A peer has failed when one of these holds:
    /// - it reported itself unhealthy in K valid beats in a row (authenticated, so nobody else can say it for it);
    /// - EC2 no longer lists it running, and it is silent (two missed beats, when EC2 said so after its last beat);
    /// - it is silent (no valid beat for more than K × interval + margin) AND that silence is corroborated: every
    ///   other peer this NAT hears says in its own last beat that it does not hear the peer either.
    /// A NAT that hears no peer at all has nobody to corroborate with, and may be the one cut off. It takes a silent
    /// peer's zone only when three things hold: the peer does not answer an ICMP echo sent after it fell silent (a
    /// host that answers is up, and only its heartbeats are lost: blocked, or a monitor down, while it may well
    /// still forward); a little longer has passed (<see cref="FailoverSettings.LoneSilentAfterSeconds"/>), in which its
    /// peers, had this NAT been the one cut off, would have taken its zone; and a route read made after that shows its own zone still routing through it.
    ///
    /// Why corroboration. With 10% independent loss, beats every 0.2 s and K = 5 (the defaults), one observer alone
    /// sees five beats in a row lost with probability 0.1⁵ = 1e-5 per beat; at 5 beats/s, 3 NATs (6 observer–peer
    /// pairs) and 2 minutes (3,600 pair-beats) that is ≈ 0.04 false failovers per run: far too many. Corroboration
    /// also needs every other peer to have lost the last K − 1 beats of the same peer (its "hear" window is (K − 1) ×
    /// interval + margin), 0.1⁴, so a false failover needs ≈ 0.1⁹ per pair and beat, ≈ 3.6e-6 per 2-minute run: once
    /// in ~280,000 runs (at 5% loss, ≈ 7e-9). The arithmetic is <see cref="FailoverSettings.FalseFailoversPerRun"/>,
    /// checked against this policy in simulation (FastDetectionTests). A NAT alone needs the peer's K beats lost
    /// and its echo unanswered, which heartbeat loss alone never causes.
    ///
    /// EC2 first. A silent peer that a read made after its last beat no longer lists running is failed after two
    /// missed beats (<see cref="FailoverSettings.GoneSilentAfterSeconds"/>), with no corroboration: EC2 said it.
    ///
    /// Who acts. Exactly one NAT takes a failed zone: the healthy NAT with the lowest instance id among those this
    /// NAT believes alive (itself included). An unhealthy NAT never claims. A zone is failed only when every NAT
    /// in it has failed: one that is alive, starting, silent but not yet failed, or reporting unhealthy fewer than K
    /// times holds its zone (a replacement that booted and took its zone back is never fought; failback is the boot
    /// takeover's job). Takeovers are rate-limited per zone and overall. A failed zone whose routes go to its NAT
    /// gateway (a VPC HaNat did not build: the takeover's fallback) is left there, its failed NATs marked.
    ///
    /// Handover. A NAT whose beat says it is leaving (stopped, terminated by its group, a spot notice) is Leaving
    /// while heard and Departed after: never failed, never marked, whatever its silence or EC2 says of it later. The
    /// zones it serves are taken at once, with reason "handover": every zone whose routes, in a read made after it
    /// said so, point at it (its own, and any it holds for a peer). Each such zone goes to a live NAT of that zone if
    /// there is one (no traffic across zones), else to the chooser; the leaving NAT is no candidate. It keeps
    /// forwarding until its routes are gone (make-before-break), so there is no silence to wait for. A NAT that is
    /// leaving itself takes nothing and marks nothing.
    /// </summary>
    internal static class FailoverPolicy
    {
        /// <summary>
        /// One decision on the bookkeeping in <paramref name="state"/>, which then records the actions decided (as
        /// started) and forgets what no rate limit looks back to any more.
        /// </summary>
        internal static FailoverDecisions Step(FailoverState state, SelfView self, IReadOnlyList<PeerView> peers, double now, FailoverSettings settings)
        {
            var decisions = Decide(state.InputFor(now, self, peers), settings);
            foreach (var action in decisions.Actions) state.Started(action, now);
            state.Prune(now, settings);
            return decisions;
        }

        public static FailoverDecisions Decide(FailoverInput input, FailoverSettings settings)
        {
            var now = input.Now;
            var self = input.Self;
            var peers = input.Peers.Where(p => p.InstanceId != self.InstanceId).ToList();
            var selfCandidate = self.Healthy && !self.Leaving;

            bool Heard(PeerView p) => p.LastBeatAt.HasValue && now - p.LastBeatAt.Value <= settings.SilentAfterSeconds;
            var heard = peers.Where(Heard).ToList();
            var alone = heard.Count == 0;
            var wantRoutes = false;

            var assessments = new List<PeerAssessment>();
            foreach (var peer in peers)
            {
                var (status, reason, detail, wants) = Assess(peer, heard, alone, input, settings);
                wantRoutes |= wants;
                assessments.Add(new PeerAssessment(peer.InstanceId, peer.Zone, status, reason, detail));
            }

            var alive = assessments.Where(a => a.Status == PeerStatus.Alive).Select(a => a.InstanceId).ToList();
            var candidates = (selfCandidate ? alive.Append(self.InstanceId) : alive).OrderBy(id => id, StringComparer.Ordinal).ToList();
            var chooser = candidates.FirstOrDefault();

            var zones = new List<ZoneDecision>();
            var actions = new List<FailoverAction>();
            var handedOver = Handovers(peers, assessments, alive, chooser, input, settings, zones, actions, ref wantRoutes);
            foreach (var group in assessments.GroupBy(a => a.Zone).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var zone = group.Key;
                if (zone == self.Zone || string.IsNullOrEmpty(zone) || handedOver.Contains(zone)) continue;
                var failed = group.Where(a => a.Status == PeerStatus.Failed).ToList();
                if (failed.Count == 0) continue;
                // A NAT of the zone that has not failed (alive, starting, silent but not confirmed, or unhealthy fewer than
                // K times) holds it: a departed NAT's failure says nothing about its replacement. One that left on purpose
                // holds nothing (what it served was handed over).
                if (group.Any(a => a.Status != PeerStatus.Failed && !Departing(a.Status))) continue;

                input.RouteOwners.TryGetValue(zone, out var owner);
                var target = failed.FirstOrDefault(f => f.InstanceId == owner) ?? failed.OrderBy(f => f.InstanceId, StringComparer.Ordinal).First();
                var outcome = DecideZone(zone, owner, self, chooser, alive, input, settings);
                zones.Add(new ZoneDecision(zone, target.InstanceId, target.Reason, outcome, chooser));

                if (outcome == ZoneOutcome.TakeOver)
                {
                    actions.Add(new FailoverAction(ActionKind.TakeOverZone, target.InstanceId, zone, Describe(target.Reason)));
                }
                if (outcome == ZoneOutcome.TakeOver || outcome == ZoneOutcome.AlreadyOwned || outcome == ZoneOutcome.OnNatGateway)
                {
                    // A NAT that is not running is being replaced already; marking it would only fail.
                    foreach (var f in failed.Where(f => f.Reason != FailureReason.NotRunning && !input.Marked.Contains(f.InstanceId)))
                    {
                        actions.Add(new FailoverAction(ActionKind.MarkUnhealthy, f.InstanceId, zone, Describe(f.Reason)));
                    }
                }
            }

            // A NAT that is leaving takes nothing new and marks nothing, itself included: it is going anyway.
            if (self.Leaving) return new FailoverDecisions(assessments, zones, Array.Empty<FailoverAction>(), wantRoutes);
            // The worker runs actions one at a time, in this order: every takeover before any mark, so that with two
            // zones failed the second zone's egress does not wait for the first NAT's mark in Auto Scaling.
            actions = actions.Where(a => a.Kind == ActionKind.TakeOverZone).Concat(actions.Where(a => a.Kind != ActionKind.TakeOverZone)).ToList();

            if (!self.Healthy && self.LocalCheckFails && self.UnhealthySince.HasValue && settings.SelfMarkGraceSeconds.HasValue &&
                now - self.UnhealthySince.Value >= settings.SelfMarkGraceSeconds.Value && !input.Marked.Contains(self.InstanceId))
            {
                actions.Add(new FailoverAction(ActionKind.MarkUnhealthy, self.InstanceId, self.Zone,
                    "self-check failing for " + Seconds(now - self.UnhealthySince.Value)));
            }
            return new FailoverDecisions(assessments, zones, actions, wantRoutes);
        }

        public static bool Departing(PeerStatus status) => status == PeerStatus.Leaving || status == PeerStatus.Departed;

        /// <summary>
        /// The zones the leaving and departed peers serve, each decided for the NAT that takes it (see the class
        /// comment); returns them, so that the failure pass leaves them be.
        /// </summary>
        private static HashSet<string> Handovers(IReadOnlyList<PeerView> peers, IReadOnlyList<PeerAssessment> assessments,
            IReadOnlyList<string> alive, string? chooser, FailoverInput input, FailoverSettings settings, List<ZoneDecision> zones,
            List<FailoverAction> actions, ref bool wantRoutes)
        {
            var self = input.Self;
            var handedOver = new HashSet<string>(StringComparer.Ordinal);
            foreach (var leaving in peers.Where(p => p.Leaving).OrderBy(p => p.InstanceId, StringComparer.Ordinal))
            {
                // What it serves is believed only from a read made after it said it is leaving: an older one may miss a
                // zone it took since, or show its own zone that a replacement took already (make-before-break).
                if (!input.RoutesReadAt.HasValue || input.RoutesReadAt.Value < leaving.LeavingSince!.Value)
                {
                    wantRoutes = true;
                    continue;
                }
                foreach (var zone in input.RouteOwners.Where(o => o.Value == leaving.InstanceId).Select(o => o.Key).OrderBy(z => z, StringComparer.Ordinal))
                {
                    if (!handedOver.Add(zone)) continue;
                    // A live NAT of the zone itself takes it if there is one, else the chooser.
                    var ofZone = assessments.Where(a => a.Zone == zone && a.Status == PeerStatus.Alive).Select(a => a.InstanceId);
                    if (self.Zone == zone && self.Healthy && !self.Leaving) ofZone = ofZone.Append(self.InstanceId);
                    var taker = ofZone.OrderBy(id => id, StringComparer.Ordinal).FirstOrDefault() ?? chooser;
                    var outcome = self.Leaving ? ZoneOutcome.Standby : DecideZone(zone, leaving.InstanceId, self, taker, alive, input, settings);
                    zones.Add(new ZoneDecision(zone, leaving.InstanceId, FailureReason.Leaving, outcome, taker));
                    if (outcome == ZoneOutcome.TakeOver)
                        actions.Add(new FailoverAction(ActionKind.TakeOverZone, leaving.InstanceId, zone, Describe(FailureReason.Leaving)));
                }
            }
            return handedOver;
        }

        private static (PeerStatus, FailureReason, string, bool) Assess(PeerView peer, IReadOnlyList<PeerView> heard, bool alone,
            FailoverInput input, FailoverSettings settings)
        {
            var now = input.Now;
            // Checked first: a NAT that said it is leaving is never failed, whatever its silence or EC2 says since.
            if (peer.Leaving)
            {
                return peer.LastBeatAt.HasValue && now - peer.LastBeatAt.Value <= settings.SilentAfterSeconds
                    ? (PeerStatus.Leaving, FailureReason.Leaving, "says it is leaving", false)
                    : (PeerStatus.Departed, FailureReason.Leaving, peer.Listed ? "left as it said: silent since" : "left as it said: no longer running", false);
            }
            // EC2 said it is gone (stopped, terminated, shutting down: no longer listed running) in a read made after its
            // last beat: two missed beats confirm it, no need to wait for K. A beat after that read means the listing
            // may lag (a NAT that just booted), and the ordinary silence applies.
            if (!peer.Listed && peer.UnlistedAt.HasValue && !(peer.LastBeatAt > peer.UnlistedAt) &&
                !(peer.LastBeatAt.HasValue && now - peer.LastBeatAt.Value <= settings.GoneSilentAfterSeconds))
                return (PeerStatus.Failed, FailureReason.NotRunning, "EC2 no longer lists it running, and it is silent", false);
            if (peer.LastBeatAt.HasValue && now - peer.LastBeatAt.Value <= settings.SilentAfterSeconds)
            {
                if (peer.ReportsHealthy) return (PeerStatus.Alive, FailureReason.None, "heard", false);
                var failing = peer.FailingChecks.Count > 0 ? string.Join(",", peer.FailingChecks) : "unknown";
                return peer.UnhealthyStreak >= settings.MissedHeartbeats
                    ? (PeerStatus.Failed, FailureReason.ReportsUnhealthy, $"reported unhealthy {peer.UnhealthyStreak} times in a row: {failing}", false)
                    : (PeerStatus.Unhealthy, FailureReason.None, $"reports unhealthy ({peer.UnhealthyStreak} of {settings.MissedHeartbeats}): {failing}", false);
            }

            if (!peer.Listed) return (PeerStatus.Failed, FailureReason.NotRunning, "EC2 no longer lists it running, and it is silent", false);

            // Silence is counted from the last beat; a peer never heard, from the end of its grace to start.
            var since = peer.LastBeatAt ?? peer.KnownSince + settings.NeverHeardGraceSeconds - settings.SilentAfterSeconds;
            if (!peer.LastBeatAt.HasValue && now < peer.KnownSince + settings.NeverHeardGraceSeconds)
                return (PeerStatus.Pending, FailureReason.None, "never heard; within its grace to start", false);
            var silentFor = now - since;
            if (silentFor <= settings.SilentAfterSeconds) return (PeerStatus.Pending, FailureReason.None, "never heard", false);

            if (!alone)
            {
                var stillHearing = heard.Where(h => h.InstanceId != peer.InstanceId && h.Hears.Contains(peer.InstanceId)).Select(h => h.InstanceId).ToList();
                if (stillHearing.Count > 0)
                    return (PeerStatus.Silent, FailureReason.None, $"silent {Seconds(silentFor)} here, but {string.Join(",", stillHearing)} still hears it", false);
                var witnesses = heard.Where(h => h.InstanceId != peer.InstanceId).Select(h => h.InstanceId);
                return (PeerStatus.Failed, FailureReason.Silent, $"silent {Seconds(silentFor)}, corroborated by {string.Join(",", witnesses)}", false);
            }

            if (peer.Reachable == true && peer.ReachCheckedAt > since)
                return (PeerStatus.Silent, FailureReason.None,
                    $"silent {Seconds(silentFor)} and no peer heard, but it answers ICMP echo: its host is up and only its heartbeats are lost", false);
            var deadline = since + settings.LoneSilentAfterSeconds;
            if (now < deadline)
                return (PeerStatus.Silent, FailureReason.None, $"silent {Seconds(silentFor)}; no peer heard, waiting {Seconds(deadline - now)} more", false);
            if (peer.Reachable != false || !(peer.ReachCheckedAt > since))
                return (PeerStatus.Silent, FailureReason.None, $"silent {Seconds(silentFor)}; no peer heard, waiting for an ICMP echo's verdict", false);
            if (!input.RoutesReadAt.HasValue || input.RoutesReadAt.Value < deadline)
                return (PeerStatus.Silent, FailureReason.None, $"silent {Seconds(silentFor)}; no peer heard, waiting for a fresh route read", true);
            input.RouteOwners.TryGetValue(input.Self.Zone, out var ownZoneOwner);
            if (ownZoneOwner != input.Self.InstanceId)
                return (PeerStatus.Silent, FailureReason.None,
                    $"silent {Seconds(silentFor)}; no peer heard and {input.Self.Zone} routes to {ownZoneOwner ?? "nothing"}, not here: this NAT is likely the one cut off", false);
            return (PeerStatus.Failed, FailureReason.Silent,
                $"silent {Seconds(silentFor)}; no peer heard, no answer to ICMP echo, and {input.Self.Zone} still routes here", false);
        }

        private static ZoneOutcome DecideZone(string zone, string? owner, SelfView self, string? chooser, IReadOnlyList<string> alive,
            FailoverInput input, FailoverSettings settings)
        {
            if (!self.Healthy) return ZoneOutcome.SelfUnhealthy;
            if (chooser != self.InstanceId) return ZoneOutcome.Standby;
            // Who serves the zone is only believed from a route read made within the detection window: an older one
            // may predate the failure (or a route moved since), and the takeover re-reads the routes before it
            // writes, leaving alone a zone a live peer already serves.
            var routesFresh = input.RoutesReadAt.HasValue && input.Now - input.RoutesReadAt.Value <= settings.SilentAfterSeconds;
            if (input.TakenHere.Contains(zone) || routesFresh && owner == self.InstanceId) return ZoneOutcome.AlreadyOwned;
            // The zone went back to its own NAT gateway (this NAT's fallback, or it never left it): the gateway carries
            // it until the zone's replacement NAT takes it back; taking it again would only move it across zones.
            if (input.OnNatGateway.Contains(zone) || routesFresh && RouteOwnership.IsNatGateway(owner)) return ZoneOutcome.OnNatGateway;
            if (routesFresh && owner != null && alive.Contains(owner)) return ZoneOutcome.ServedByPeer;
            if (input.InFlight.Contains(zone)) return ZoneOutcome.InProgress;
            var now = input.Now;
            // A takeover EC2 failed (throttled, 5xx, no answer) is tried again on the retry policy's short cadence.
            if (input.RetryAt.TryGetValue(zone, out var retryAt) && now < retryAt) return ZoneOutcome.RateLimited;
            if (input.Takeovers.Any(t => t.Zone == zone && now - t.At < settings.ZoneCooldownSeconds)) return ZoneOutcome.RateLimited;
            if (input.Takeovers.Count(t => now - t.At < settings.GlobalWindowSeconds) >= settings.GlobalMaxTakeovers) return ZoneOutcome.RateLimited;
            return ZoneOutcome.TakeOver;
        }

        public static string Describe(FailureReason reason) => reason switch
        {
            FailureReason.Silent => "silent",
            FailureReason.ReportsUnhealthy => "unhealthy",
            FailureReason.NotRunning => "not-running",
            FailureReason.Leaving => "handover",
            _ => "none",
        };

        private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
