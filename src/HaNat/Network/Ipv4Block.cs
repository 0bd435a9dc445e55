using System.Globalization;

namespace HaNat.Network
{
    /// <summary>
    /// An IPv4 network written as a.b.c.d/n whose host bits are zero. Unlike a parser that silently clears host bits,
    /// this one refuses "10.20.1.0/16": a VPC address the user mistyped must be reported, not quietly changed.
    /// </summary>
    internal sealed class Ipv4Block : IEquatable<Ipv4Block>
    {
        public Ipv4Block(uint network, int prefixLength)
        {
            if (prefixLength < 0 || prefixLength > 32) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            if ((network & ~MaskOf(prefixLength)) != 0) throw new ArgumentException("Host bits must be zero.", nameof(network));
            Network = network;
            PrefixLength = prefixLength;
        }

        /// <summary>The network address, most significant octet first.</summary>
        public uint Network { get; }
        public int PrefixLength { get; }

        public uint Mask => MaskOf(PrefixLength);

        /// <summary>How many addresses the block holds (2^(32-n)).</summary>
        public long Size => 1L << (32 - PrefixLength);

        public uint LastAddress => Network | ~Mask;

        /// <summary>The <paramref name="index"/>-th block of length <paramref name="prefixLength"/> inside this one, in address order.</summary>
        public Ipv4Block Slot(int prefixLength, int index)
        {
            if (prefixLength < PrefixLength || prefixLength > 32) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            var count = 1L << (prefixLength - PrefixLength);
            if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index));
            return new Ipv4Block(Network + (uint)(index * (1L << (32 - prefixLength))), prefixLength);
        }

        public bool Contains(Ipv4Block other) =>
            other.PrefixLength >= PrefixLength && (other.Network & Mask) == Network;

        public bool Overlaps(Ipv4Block other) => Contains(other) || other.Contains(this);

        /// <summary>Parses a.b.c.d/n exactly; null when the text is not such a block or has host bits set.</summary>
        public static Ipv4Block? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var parts = text!.Trim().Split('/');
            if (parts.Length != 2) return null;
            if (!TryParseAddress(parts[0], out var address)) return null;
            if (!TryParseNumber(parts[1], 32, out var prefix)) return null;
            return (address & ~MaskOf(prefix)) == 0 ? new Ipv4Block(address, prefix) : null;
        }

        /// <summary>Parses four dotted decimal octets, each 0-255 without leading zeros (which some tools read as octal).</summary>
        public static bool TryParseAddress(string text, out uint address)
        {
            address = 0;
            var octets = text.Split('.');
            if (octets.Length != 4) return false;
            foreach (var octet in octets)
            {
                if (!TryParseNumber(octet, 255, out var value)) return false;
                address = (address << 8) | (uint)value;
            }
            return true;
        }

        /// <summary>A decimal number from 0 to <paramref name="max"/>, digits only, no sign, no leading zero.</summary>
        public static bool TryParseNumber(string text, int max, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 3 || (text.Length > 1 && text[0] == '0')) return false;
            foreach (var c in text) if (c < '0' || c > '9') return false;
            value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return value <= max;
        }

        public static string FormatAddress(uint address) =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}.{3}", address >> 24, (address >> 16) & 255, (address >> 8) & 255, address & 255);

        public override string ToString() => FormatAddress(Network) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

        public bool Equals(Ipv4Block? other) => other != null && other.Network == Network && other.PrefixLength == PrefixLength;

        public override bool Equals(object? obj) => Equals(obj as Ipv4Block);

        public override int GetHashCode() => unchecked((int)Network * 33 + PrefixLength);

        private static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
    }
}
