namespace HaNat.Monitor
{
    /// <summary>
    /// The failover policy's timings and limits, all derived from the heartbeat interval and K (missed beats).
    /// The defaults are those of Start-HaNatMonitor (interval 1 s, K 3).
    /// </summary>
    internal sealed class FailoverSettings
    {
        public FailoverSettings(double intervalSeconds = 1, int missedHeartbeats = 3)
        {
            if (intervalSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(intervalSeconds));
            if (missedHeartbeats < 1) throw new ArgumentOutOfRangeException(nameof(missedHeartbeats));
            IntervalSeconds = intervalSeconds;
            MissedHeartbeats = missedHeartbeats;
        }

        public double IntervalSeconds { get; }
        /// <summary>K: beats missed, or unhealthy reports in a row, before a NAT counts as failed.</summary>
        public int MissedHeartbeats { get; }

        /// <summary>
        /// Slack for send and scheduling jitter, so a beat that is late by a few milliseconds is not a miss. A tenth of
        /// an interval: a beat is sent on a fixed schedule, and a false silence also needs K − 1 beats lost before it
        /// and a peer that lost them too (see <see cref="FailoverPolicy"/>).
        /// </summary>
        public double MarginSeconds => IntervalSeconds / 10;

        /// <summary>No valid beat for longer than this (K × interval + margin): the peer is silent.</summary>
        public double SilentAfterSeconds => MissedHeartbeats * IntervalSeconds + MarginSeconds;

        /// <summary>
        /// "I hear X", as a beat tells the others: a valid beat from X within (K − 1) × interval + margin. Shorter than
        /// <see cref="SilentAfterSeconds"/> on purpose: a peer's report that it, too, lost X is then already on its
        /// way when this NAT's own K misses are up, so corroboration adds no delay.
        /// </summary>
        public double HearWindowSeconds => Math.Max(1, MissedHeartbeats - 1) * IntervalSeconds + MarginSeconds;

        /// <summary>
        /// While its own self-check fails, a NAT checks itself and beats this often (half an interval), so that its
        /// K unhealthy reports arrive in K/2 intervals, as a load balancer re-checks faster a server that is going
        /// down. A fault shorter than that many checks never moves a route.
        /// </summary>
        public double FastIntervalSeconds => IntervalSeconds / 2;

        /// <summary>An egress probe with no answer after this long (half an interval) counts as failed, and the NAT checks itself at once.</summary>
        public double ProbeLateSeconds => IntervalSeconds / 2;

        /// <summary>
        /// A NAT that hears no peer at all waits half an interval longer than <see cref="SilentAfterSeconds"/> before it
        /// reads the routes to decide: had it been the one cut off, its peers (who count the same K misses from the
        /// same moment, and need one takeover's EC2 writes) would have taken its zone by then, and the read shows it.
        /// </summary>
        public double LoneSilentAfterSeconds => SilentAfterSeconds + IntervalSeconds / 2;

        /// <summary>How often a peer that missed a beat is pinged (ICMP echo), and how long each ping waits for its answer.</summary>
        public double ReachIntervalSeconds => IntervalSeconds / 2;

        /// <summary>A peer listed by EC2 but never heard is given this long to start its monitor before its silence counts.</summary>
        public double NeverHeardGraceSeconds { get; set; } = 30;

        /// <summary>A zone is taken over by this NAT at most once in this many seconds (a takeover that did not stick is retried after it).</summary>
        public double ZoneCooldownSeconds { get; set; } = 10;

        /// <summary>At most this many takeovers by this NAT within <see cref="GlobalWindowSeconds"/>: no storm, whatever goes wrong.</summary>
        public int GlobalMaxTakeovers { get; set; } = 6;

        public double GlobalWindowSeconds { get; set; } = 60;

        /// <summary>After this long unhealthy (a local check, not only the egress probe), the NAT marks itself Unhealthy; null never.</summary>
        public double? SelfMarkGraceSeconds { get; set; } = 120;
    }
}
