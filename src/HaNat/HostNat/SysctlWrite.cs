namespace HaNat.HostNat
{
    /// <summary>One kernel setting to write under /proc/sys.</summary>
    /// <param name="Key">Dotted name, e.g. net.ipv4.ip_forward (an interface name may itself hold dots).</param>
    internal sealed record SysctlWrite(string Key, string Value, string? Previous)
    {
        public string Description => $"set {Key}={Value} (was {Previous ?? "unreadable"})";
    }
}
