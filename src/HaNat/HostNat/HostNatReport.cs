namespace HaNat.HostNat
{
    /// <summary>What the host set-up found and changed.</summary>
    /// <param name="Changes">One line per change made; empty when the host was already set up.</param>
    internal sealed record HostNatReport(string InterfaceName, string InterfaceAddress, IReadOnlyList<string> Changes);
}
