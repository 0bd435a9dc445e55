namespace HaNat.Monitor
{
    internal sealed class FailoverAction
    {
        public FailoverAction(ActionKind kind, string instanceId, string? zone, string reason)
        {
            Kind = kind;
            InstanceId = instanceId;
            Zone = zone;
            Reason = reason;
        }

        public ActionKind Kind { get; }
        /// <summary>The failed instance (for a mark of oneself, this NAT's own id).</summary>
        public string InstanceId { get; }
        public string? Zone { get; }
        public string Reason { get; }

        public override string ToString() => $"{Kind} {InstanceId}{(Zone != null ? " " + Zone : "")} ({Reason})";
    }
}
