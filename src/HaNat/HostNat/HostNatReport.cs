namespace HaNat.HostNat
{
    /// <summary>What the host set-up found and changed.</summary>
    internal sealed class HostNatReport
    {
        public HostNatReport(string interfaceName, string interfaceAddress, IReadOnlyList<string> changes)
        {
            InterfaceName = interfaceName;
            InterfaceAddress = interfaceAddress;
            Changes = changes;
        }

        public string InterfaceName { get; }
        public string InterfaceAddress { get; }
        /// <summary>One line per change made; empty when the host was already set up.</summary>
        public IReadOnlyList<string> Changes { get; }
    }
}
