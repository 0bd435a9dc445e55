namespace HaNat.DataPlane
{
    /// <summary>The outcome of one egress probe.</summary>
    internal sealed class ProbeOutcome
    {
        public ProbeOutcome(string target, bool reached, string detail, long milliseconds)
        {
            Target = target;
            Reached = reached;
            Detail = detail;
            Milliseconds = milliseconds;
        }

        public string Target { get; }
        public bool Reached { get; }
        public string Detail { get; }
        public long Milliseconds { get; }
    }
}
