namespace HaNat.Monitor
{
    /// <summary>
    /// One NAT's heartbeat: who, where, which beat, when, its own data-plane verdict, and whether it is leaving (a
    /// planned departure: its peers take what it serves at once, and never count it failed). Immutable.
    /// </summary>
    internal sealed class Heartbeat
    {
        public const byte CurrentVersion = 1;

        public Heartbeat(string instanceId, string zone, ulong sequence, long sentAtUnixMs, bool healthy,
            IReadOnlyList<string>? failingChecks = null, IReadOnlyList<string>? hears = null)
            : this(instanceId, zone, sequence, sentAtUnixMs, healthy, failingChecks, hears, leaving: false)
        {
        }

        public Heartbeat(string instanceId, string zone, ulong sequence, long sentAtUnixMs, bool healthy,
            IReadOnlyList<string>? failingChecks, IReadOnlyList<string>? hears, bool leaving)
        {
            InstanceId = instanceId;
            Zone = zone;
            Sequence = sequence;
            SentAtUnixMs = sentAtUnixMs;
            Healthy = healthy;
            FailingChecks = failingChecks ?? Array.Empty<string>();
            Hears = hears ?? Array.Empty<string>();
            Leaving = leaving;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        /// <summary>Grows by one per beat; starts from the sender's start time in microseconds, so a restart never goes back.</summary>
        public ulong Sequence { get; }
        public long SentAtUnixMs { get; }
        public bool Healthy { get; }
        /// <summary>The names of the sender's failing self-checks (empty when healthy).</summary>
        public IReadOnlyList<string> FailingChecks { get; }
        /// <summary>The peers the sender heard recently: how its peers corroborate a silence.</summary>
        public IReadOnlyList<string> Hears { get; }
        /// <summary>The sender is leaving on purpose (stopped, terminated by its group, a spot notice) and hands its zones over.</summary>
        public bool Leaving { get; }
    }
}
