namespace HaNat.Monitor
{
    /// <summary>The policy's view of one peer.</summary>
    internal sealed record PeerAssessment(string InstanceId, string Zone, PeerStatus Status, FailureReason Reason,
        string Detail);
}
