namespace HaNat.HostNat
{
    /// <summary>One kernel setting to write under /proc/sys.</summary>
    internal sealed class SysctlWrite
    {
        public SysctlWrite(string key, string value, string? previous)
        {
            Key = key;
            Value = value;
            Previous = previous;
        }

        /// <summary>Dotted name, e.g. net.ipv4.ip_forward (an interface name may itself hold dots).</summary>
        public string Key { get; }
        public string Value { get; }
        public string? Previous { get; }

        public string Description => $"set {Key}={Value} (was {Previous ?? "unreadable"})";
    }
}
