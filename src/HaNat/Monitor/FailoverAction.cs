namespace HaNat.Monitor
{
    /// <summary>One thing the policy decided to do: take over a zone, or mark an instance unhealthy.</summary>
    /// <param name="InstanceId">The failed instance (for a mark of oneself, this NAT's own id).</param>
    internal sealed record FailoverAction(ActionKind Kind, string InstanceId, string? Zone, string Reason)
    {
        /// <summary>A zone its NAT handed over on leaving (the policy's reason for it), not one taken from a failed NAT.</summary>
        public bool IsHandover => Kind == ActionKind.TakeOverZone && Reason == FailoverPolicy.Describe(FailureReason.Leaving);

        public override string ToString() => $"{Kind} {InstanceId}{(Zone != null ? " " + Zone : "")} ({Reason})";
    }
}
