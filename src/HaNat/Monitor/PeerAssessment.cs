namespace HaNat.Monitor
{
    /// <summary>The policy's view of one peer.</summary>
    internal sealed class PeerAssessment
    {
        public PeerAssessment(string instanceId, string zone, PeerStatus status, FailureReason reason, string detail)
        {
            InstanceId = instanceId;
            Zone = zone;
            Status = status;
            Reason = reason;
            Detail = detail;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public PeerStatus Status { get; }
        public FailureReason Reason { get; }
        public string Detail { get; }
    }
}
