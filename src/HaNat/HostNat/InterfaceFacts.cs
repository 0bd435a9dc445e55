using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>What /sys/class/net/IF says about one interface. Data only; <see cref="SysClassNet"/> reads it.</summary>
    internal sealed class InterfaceFacts
    {
        public const int IffUp = 0x1;

        public InterfaceFacts(string name, string? macAddress, string? operState, int? flags, bool? carrier)
        {
            Name = name;
            MacAddress = string.IsNullOrWhiteSpace(macAddress) ? null : macAddress!.Trim().ToLowerInvariant();
            OperState = string.IsNullOrWhiteSpace(operState) ? null : operState!.Trim().ToLowerInvariant();
            Flags = flags;
            Carrier = carrier;
        }

        public string Name { get; }
        /// <summary>Lower case, or null for interfaces without one (tun, ppp).</summary>
        public string? MacAddress { get; }
        /// <summary>RFC 2863 state: up, down, lowerlayerdown, dormant, unknown...</summary>
        public string? OperState { get; }
        /// <summary>The IFF_* flags; null when unreadable.</summary>
        public int? Flags { get; }
        /// <summary>Whether there is a link; null when the kernel will not say (it refuses while the interface is admin down).</summary>
        public bool? Carrier { get; }

        public bool? AdminUp => Flags.HasValue ? (Flags.Value & IffUp) != 0 : (bool?)null;

        /// <summary>
        /// Whether the interface can carry traffic. operstate "up" is enough (veth, ENA, virtio report it); drivers
        /// that do not track it (lo, tun) say "unknown", and then the IFF_UP flag decides. Any other state (down,
        /// lowerlayerdown, dormant) means no traffic, even with IFF_UP set: the cable is out. A carrier of 0 wins over
        /// a stale "up", because the kernel updates operstate up to a second after the carrier.
        /// </summary>
        public bool IsUp
        {
            get
            {
                if (AdminUp == false || Carrier == false) return false;
                return OperState switch
                {
                    "up" => true,
                    "unknown" => AdminUp == true,
                    null => AdminUp == true,
                    _ => false,
                };
            }
        }

        public string DescribeState() =>
            $"operstate {OperState ?? "unreadable"}, " +
            (AdminUp switch { true => "IFF_UP set", false => "IFF_UP clear", _ => "flags unreadable" }) +
            (Carrier switch { true => ", carrier 1", false => ", no carrier", _ => "" });

        public static int? ParseFlags(string? text)
        {
            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed)) return null;
            if (trimmed!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed.Substring(2);
            return int.TryParse(trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags) ? flags : (int?)null;
        }

        public static bool? ParseCarrier(string? text) => text?.Trim() switch
        {
            "1" => true,
            "0" => false,
            _ => null,
        };
    }
}
