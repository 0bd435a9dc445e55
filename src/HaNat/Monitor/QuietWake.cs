namespace HaNat.Monitor
{
    /// <summary>
    /// When the monitor's loop may sleep past its tenth-of-a-second step. While nothing can be decided before a peer
    /// misses a beat (this NAT healthy, staying and ready, no action of its own pending, every peer listed, healthy,
    /// staying and heard within two intervals), the loop needs to wake only for its own beat and self-check, the egress
    /// probe's late mark, or the moment the first peer's beat is overdue: two intervals and a margin after it was heard,
    /// the mark at which <see cref="SilentPeerPings"/> pings it, well before any silence verdict. Anything else afoot
    /// (a peer late, unhealthy, leaving, unlisted or never heard; this NAT unhealthy or leaving; a takeover, mark or
    /// retry pending) and the loop steps every tenth of a second as before.
    /// A beat that arrives while the loop sleeps waits in the receiver's queue for the next wake-up, at most one
    /// interval: its news (unhealthy, leaving) ends the quiet, and the reports after it are taken at once.
    /// </summary>
    internal static class QuietWake
    {
        /// <param name="ready">This NAT healthy and staying, its heartbeat key and IMDS's first answer in, and nothing of its own pending.</param>
        /// <param name="probeLateAt">When the egress probe in flight turns late; null when none is in flight.</param>
        /// <returns>The moment to wake at the latest (with no peer and no probe in flight: never); null when the loop must step.</returns>
        public static double? Until(double now, bool ready, IEnumerable<PeerView> peers, double? probeLateAt, FailoverSettings settings)
        {
            if (!ready) return null;
            var until = probeLateAt ?? double.PositiveInfinity;
            foreach (var peer in peers)
            {
                if (!peer.Listed || peer.Leaving || !peer.ReportsHealthy || !(peer.LastBeatAt is double heard)) return null;
                var overdue = heard + 2 * settings.IntervalSeconds + settings.MarginSeconds;
                if (now >= overdue) return null;
                until = Math.Min(until, overdue);
            }
            return until;
        }
    }
}
