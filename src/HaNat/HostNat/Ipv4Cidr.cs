using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>
    /// An IPv4 network in the canonical form iptables prints (host bits cleared, prefix always written), so that a
    /// CIDR from IMDS and one read back from `iptables -S` compare equal.
    /// </summary>
    internal sealed class Ipv4Cidr : IEquatable<Ipv4Cidr>
    {
        private Ipv4Cidr(uint network, int prefixLength)
        {
            Network = network;
            PrefixLength = prefixLength;
        }

        /// <summary>The network address, most significant octet first.</summary>
        public uint Network { get; }
        public int PrefixLength { get; }

        /// <summary>Parses "a.b.c.d/n", or "a.b.c.d" as a /32; host bits are cleared.</summary>
        public static bool TryParse(string? text, out Ipv4Cidr? cidr)
        {
            cidr = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var parts = text!.Trim().Split('/');
            if (parts.Length > 2) return false;
            var prefix = 32;
            if (parts.Length == 2 &&
                (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32))
            {
                return false;
            }
            var octets = parts[0].Split('.');
            if (octets.Length != 4) return false;
            uint address = 0;
            foreach (var octet in octets)
            {
                if (octet.Length == 0 || octet.Length > 3 ||
                    !uint.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
                {
                    return false;
                }
                address = (address << 8) | value;
            }
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            cidr = new Ipv4Cidr(address & mask, prefix);
            return true;
        }

        public static Ipv4Cidr Parse(string text) =>
            TryParse(text, out var cidr) ? cidr! : throw new FormatException($"'{text}' is not an IPv4 CIDR block (a.b.c.d/n).");

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}.{3}/{4}",
                Network >> 24, (Network >> 16) & 255, (Network >> 8) & 255, Network & 255, PrefixLength);

        public bool Equals(Ipv4Cidr? other) => other != null && other.Network == Network && other.PrefixLength == PrefixLength;

        public override bool Equals(object? obj) => Equals(obj as Ipv4Cidr);

        public override int GetHashCode() => unchecked((int)Network * 33 + PrefixLength);
    }
}
