namespace HaNat.Monitor
{
    /// <summary>The answer to one ICMP echo: which peer, whether it answered, and when the echo was sent (monitor clock).</summary>
    internal sealed class ReachResult
    {
        public ReachResult(string instanceId, bool reachable, double sentAt)
        {
            InstanceId = instanceId;
            Reachable = reachable;
            SentAt = sentAt;
        }

        public string InstanceId { get; }
        public bool Reachable { get; }
        public double SentAt { get; }
    }
}
