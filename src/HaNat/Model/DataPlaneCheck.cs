namespace HaNat.Model
{
    /// <summary>
    /// One verdict of the data-plane self-check, e.g. IpForward, Masquerade. Immutable. A check that could not run
    /// here (conntrack not loaded, no probe target) is Healthy with a Detail that starts "skipped:", so that a
    /// missing feature never fails a NAT.
    /// </summary>
    public sealed class DataPlaneCheck
    {
        public const string IpForward = "IpForward";
        public const string Uplink = "Uplink";
        public const string Masquerade = "Masquerade";
        public const string Forward = "Forward";
        public const string Conntrack = "Conntrack";
        public const string EgressProbe = "EgressProbe";

        public DataPlaneCheck(string name, bool healthy, string detail)
        {
            Name = name;
            Healthy = healthy;
            Detail = detail;
        }

        public string Name { get; }
        public bool Healthy { get; }
        public string Detail { get; }

        public bool Skipped => Detail.StartsWith("skipped:", System.StringComparison.Ordinal);

        public override string ToString() => $"{Name}: {(Healthy ? "healthy" : "UNHEALTHY")} ({Detail})";
    }
}
