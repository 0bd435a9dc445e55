using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>One IPv4 address of an interface, as `ip -o -4 addr show` lists it.</summary>
    internal sealed class InterfaceAddress
    {
        public InterfaceAddress(string interfaceName, string address, int prefixLength, string scope)
        {
            InterfaceName = interfaceName;
            Address = address;
            PrefixLength = prefixLength;
            Scope = scope;
        }

        public string InterfaceName { get; }
        public string Address { get; }
        public int PrefixLength { get; }
        /// <summary>global, link, host...; "global" when ip printed none.</summary>
        public string Scope { get; }

        /// <summary>A host-scope address (127.0.0.1 on lo) is never a source address for traffic leaving the host.</summary>
        public bool CanSourceTraffic => Scope != "host";

        public override string ToString() => Address + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }
}
