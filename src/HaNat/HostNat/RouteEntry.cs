using System.Globalization;
using System.Net;

namespace HaNat.HostNat
{
    /// <summary>One line of /proc/net/route (the main routing table, IPv4).</summary>
    internal sealed class RouteEntry
    {
        public const int FlagUp = 0x0001;
        public const int FlagGateway = 0x0002;
        public const int FlagReject = 0x0200;

        public RouteEntry(string interfaceName, uint destination, uint mask, IPAddress? gateway, int flags, int metric)
        {
            InterfaceName = interfaceName;
            Destination = destination;
            Mask = mask;
            Gateway = gateway;
            Flags = flags;
            Metric = metric;
        }

        public string InterfaceName { get; }
        /// <summary>As the kernel printed it; 0 for the default route whatever the byte order.</summary>
        public uint Destination { get; }
        public uint Mask { get; }
        public IPAddress? Gateway { get; }
        public int Flags { get; }
        public int Metric { get; }

        public bool IsDefault => Destination == 0 && Mask == 0;

        /// <summary>Up, and not an unreachable/prohibit route (those show the interface "*" and RTF_REJECT).</summary>
        public bool CarriesTraffic => (Flags & FlagUp) != 0 && (Flags & FlagReject) == 0 && InterfaceName != "*";
    }
}
