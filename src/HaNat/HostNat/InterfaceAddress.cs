using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>One IPv4 address of an interface, as `ip -o -4 addr show` lists it.</summary>
    /// <param name="Scope">global, link, host...; "global" when ip printed none.</param>
    internal sealed record InterfaceAddress(string InterfaceName, string Address, int PrefixLength, string Scope)
    {
        /// <summary>A host-scope address (127.0.0.1 on lo) is never a source address for traffic leaving the host.</summary>
        public bool CanSourceTraffic => Scope != "host";

        public override string ToString() => Address + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }
}
