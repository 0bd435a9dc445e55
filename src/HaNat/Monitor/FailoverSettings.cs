namespace HaNat.Monitor
{
    /// <summary>
    /// The failover policy's timings and limits, derived from the heartbeat interval and K (missed beats). The
    /// defaults are those of Start-HaNatMonitor: a beat every 0.2 s, K 5 (a silent peer is failed 1.05 s after its
    /// last beat, a NAT failing its own check after 5 fresh failing checks 0.2 s apart). The floors below are in
    /// absolute time because what they cover is: scheduling jitter, an ICMP round trip on a busy host, a takeover's
    /// EC2 writes, a fault too brief to move a route.
    ///
    /// False failovers under heartbeat loss (independent loss p on every path, N NATs, a run of T seconds): a
    /// silent peer is failed only when this NAT lost its last K beats (pᴷ) AND every other peer it hears says in its
    /// own last beat that it lost the last K − 1 too (pᴷ⁻¹: its "hears" window is K − 1 intervals): ≈ p²ᴷ⁻¹ per
    /// observer–peer pair and beat, with N (N − 1) pairs and T / interval beats (<see cref="FalseFailoversPerRun"/>;
    /// the policy simulated at 30–50% loss shows a half to a third of it: FastDetectionTests). At the defaults, 3 NATs
    /// and 2 minutes (3,600 pair-beats): 10% loss ≈ 3.6e-6 per run (once in ~280,000 runs), 5% ≈ 7e-9. The same
    /// beats at K 3 would give ≈ 0.036 at 10% (one run in 28), the earlier 1 s and K 3 ≈ 0.007: K is what buys the
    /// shorter interval. A NAT failing its own check is told by its authenticated beats, which loss only delays.
    /// </summary>
    internal sealed class FailoverSettings
    {
        public FailoverSettings(double intervalSeconds = DefaultIntervalSeconds, int missedHeartbeats = DefaultMissedHeartbeats)
        {
            if (intervalSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(intervalSeconds));
            if (missedHeartbeats < 1) throw new ArgumentOutOfRangeException(nameof(missedHeartbeats));
            IntervalSeconds = intervalSeconds;
            MissedHeartbeats = missedHeartbeats;
            SelfCheckSeconds = Math.Max(intervalSeconds, 0.5);
        }

        public const double DefaultIntervalSeconds = 0.2;
        public const int DefaultMissedHeartbeats = 5;

        /// <summary>Seconds between two heartbeats.</summary>
        public double IntervalSeconds { get; }
        /// <summary>K: beats missed, or unhealthy reports in a row, before a NAT counts as failed.</summary>
        public int MissedHeartbeats { get; }

        /// <summary>
        /// How often a healthy NAT checks its own data plane (forwarding, masquerade, routes, the egress probe): the
        /// beats in between carry the last verdict, so the beat period does not multiply the check's cost. Default: the
        /// interval, at least 0.5 s. A failing check is re-run at each beat (see <see cref="FastIntervalSeconds"/>).
        /// </summary>
        public double SelfCheckSeconds
        {
            get => _selfCheckSeconds;
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value));
                _selfCheckSeconds = value;
            }
        }
        private double _selfCheckSeconds;

        /// <summary>
        /// Slack for send and scheduling jitter, so a beat that is late by a few milliseconds is not a miss: a tenth of
        /// an interval, at least 50 ms (jitter does not shrink with the interval). A false silence also needs K − 1
        /// beats lost before it and a peer that lost them too (see <see cref="FailoverPolicy"/>).
        /// </summary>
        public double MarginSeconds => Math.Max(IntervalSeconds / 10, 0.05);

        /// <summary>No valid beat for longer than this (K × interval + margin): the peer is silent.</summary>
        public double SilentAfterSeconds => MissedHeartbeats * IntervalSeconds + MarginSeconds;

        /// <summary>
        /// "I hear X", as a beat tells the others: a valid beat from X within (K − 1) × interval + margin. Shorter than
        /// <see cref="SilentAfterSeconds"/> on purpose: a peer's report that it, too, lost X is then already on its
        /// way when this NAT's own K misses are up, so corroboration adds no delay.
        /// </summary>
        public double HearWindowSeconds => Math.Max(1, MissedHeartbeats - 1) * IntervalSeconds + MarginSeconds;

        /// <summary>
        /// While its own self-check fails, a NAT re-checks itself and beats this often, so that each of its K unhealthy
        /// reports is a fresh verdict, as a load balancer re-checks faster a server that is going down: half an
        /// interval, at least 0.2 s, at most an interval. K reports then span at least (K − 1) × this (0.8 s at the
        /// defaults, 1 s at interval 1 and K 3): a fault shorter than that never moves a route.
        /// </summary>
        public double FastIntervalSeconds => Math.Min(IntervalSeconds, Math.Max(IntervalSeconds / 2, 0.2));

        /// <summary>
        /// An egress probe with no answer after this long counts as failed, and the NAT checks itself at once: half a
        /// self-check period, at least half an interval (0.25 s at the defaults).
        /// </summary>
        public double ProbeLateSeconds => Math.Max(IntervalSeconds, SelfCheckSeconds) / 2;

        /// <summary>
        /// A NAT that hears no peer at all waits this much longer than <see cref="SilentAfterSeconds"/> (half an
        /// interval, at least 0.25 s) before it reads the routes to decide: had it been the one cut off, its peers (who
        /// count the same K misses from about the same moment, and need one takeover's EC2 writes) would have taken
        /// its zone by then, and the read shows it. The echo that must go unanswered is the stronger guard.
        /// </summary>
        public double LoneSilentAfterSeconds => SilentAfterSeconds + Math.Max(IntervalSeconds / 2, 0.25);

        /// <summary>
        /// How often a peer that missed a beat is pinged (ICMP echo), and how long each ping waits for its answer: half
        /// an interval, at least 0.25 s (an echo on a busy host may take a while; its verdict is still in well before
        /// <see cref="LoneSilentAfterSeconds"/>).
        /// </summary>
        public double ReachIntervalSeconds => Math.Max(IntervalSeconds / 2, 0.25);

        /// <summary>
        /// A peer EC2 no longer lists running (stopped, terminated, shutting down) is failed once it has missed this
        /// much (two beats and the margin), rather than K: EC2 already said it is gone, and one lost beat alone (a
        /// listing can lag a peer that just booted) is not enough.
        /// </summary>
        public double GoneSilentAfterSeconds => Math.Min(SilentAfterSeconds, 2 * IntervalSeconds + MarginSeconds);

        /// <summary>A peer listed by EC2 but never heard is given this long to start its monitor before its silence counts.</summary>
        public double NeverHeardGraceSeconds { get; set; } = 30;

        /// <summary>A zone is taken over by this NAT at most once in this many seconds (a takeover that did not stick is retried after it).</summary>
        public double ZoneCooldownSeconds { get; set; } = 10;

        /// <summary>At most this many takeovers by this NAT within <see cref="GlobalWindowSeconds"/>: no storm, whatever goes wrong.</summary>
        public int GlobalMaxTakeovers { get; set; } = 6;

        public double GlobalWindowSeconds { get; set; } = 60;

        /// <summary>After this long unhealthy (a local check, not only the egress probe), the NAT marks itself Unhealthy; null never.</summary>
        public double? SelfMarkGraceSeconds { get; set; } = 120;

        /// <summary>
        /// The expected number of false failovers (a live peer's zone taken for silence) in a run of
        /// <paramref name="seconds"/> with <paramref name="nats"/> NATs, each beat lost independently with probability
        /// <paramref name="loss"/>: ≈ p²ᴷ⁻¹ per observer–peer pair and beat (see the class comment). On the safe side:
        /// it ignores that the witness's own beat must arrive, and counts a run of losses once per beat it lasts. A
        /// beat later than the margin counts as lost, so a busy host's jitter adds to p. With two NATs nobody corroborates, and a peer's silence needs its echo
        /// unanswered instead, which loss of heartbeats alone never causes.
        /// </summary>
        public double FalseFailoversPerRun(double loss, double seconds, int nats = 3)
        {
            if (loss < 0 || loss > 1) throw new ArgumentOutOfRangeException(nameof(loss));
            var pairs = nats * (nats - 1);
            var beats = seconds / IntervalSeconds;
            return Math.Pow(loss, 2 * MissedHeartbeats - 1) * pairs * beats;
        }
    }
}
