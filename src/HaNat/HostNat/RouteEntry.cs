using System.Net;

namespace HaNat.HostNat
{
    /// <summary>One line of /proc/net/route (the main routing table, IPv4).</summary>
    /// <param name="Destination">As the kernel printed it; 0 for the default route whatever the byte order.</param>
    internal sealed record RouteEntry(string InterfaceName, uint Destination, uint Mask, IPAddress? Gateway, int Flags,
        int Metric)
    {
        public const int FlagUp = 0x0001;
        public const int FlagGateway = 0x0002;
        public const int FlagReject = 0x0200;

        public bool IsDefault => Destination == 0 && Mask == 0;

        /// <summary>Up, and not an unreachable/prohibit route (those show the interface "*" and RTF_REJECT).</summary>
        public bool CarriesTraffic => (Flags & FlagUp) != 0 && (Flags & FlagReject) == 0 && InterfaceName != "*";
    }
}
