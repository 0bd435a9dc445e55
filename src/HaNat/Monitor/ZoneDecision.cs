namespace HaNat.Monitor
{
    /// <summary>What this NAT does about one zone whose NAT failed.</summary>
    internal sealed class ZoneDecision
    {
        public ZoneDecision(string zone, string failedInstanceId, FailureReason reason, ZoneOutcome outcome, string? chooser)
        {
            Zone = zone;
            FailedInstanceId = failedInstanceId;
            Reason = reason;
            Outcome = outcome;
            Chooser = chooser;
        }

        public string Zone { get; }
        public string FailedInstanceId { get; }
        public FailureReason Reason { get; }
        public ZoneOutcome Outcome { get; }
        /// <summary>The NAT chosen to take the zone over; null when nobody healthy is left (this NAT is unhealthy).</summary>
        public string? Chooser { get; }
    }
}
