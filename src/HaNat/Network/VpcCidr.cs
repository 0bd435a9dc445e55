using System.Globalization;

namespace HaNat.Network
{
    /// <summary>
    /// Reads the VPC's address range as users give it: a CIDR block (10.20.0.0/16), or the original tool's first two
    /// octets ('10.20', meaning 10.20.0.0/16). Every refusal says what to type instead.
    /// </summary>
    internal static class VpcCidr
    {
        public static Ipv4Block Parse(string? text)
        {
            var raw = (text ?? string.Empty).Trim();
            if (raw.Length == 0)
            {
                throw Invalid(text, "No address range was given. Give a CIDR block such as 10.20.0.0/16, or two octets such as 10.20.");
            }
            var block = raw.IndexOf('/') >= 0 ? ParseBlock(raw) : ParseOctets(raw);
            CheckUsable(block, raw);
            CheckSize(block, raw);
            return block;
        }

        /// <summary>RFC 1918 and the shared range (100.64.0.0/10): the ranges meant for private networks.</summary>
        public static bool IsPrivateRange(Ipv4Block block) =>
            Within(block, 10u << 24, 8) || Within(block, (172u << 24) | (16u << 16), 12) ||
            Within(block, (192u << 24) | (168u << 16), 16) || Within(block, (100u << 24) | (64u << 16), 10);

        private static Ipv4Block ParseOctets(string raw)
        {
            var parts = raw.Split('.');
            if (parts.Length == 4)
            {
                throw Invalid(raw, $"'{raw}' has no prefix length. Write it as a CIDR block, for example {raw}/16, or give only the first two octets.");
            }
            if (parts.Length != 2)
            {
                throw Invalid(raw, $"'{raw}' is neither two octets nor a CIDR block. Give two octets such as 10.20 (meaning 10.20.0.0/16), or a block such as 10.20.0.0/16.");
            }
            foreach (var part in parts)
            {
                if (!Ipv4Block.TryParseNumber(part, 255, out _))
                {
                    throw Invalid(raw, $"'{part}' in '{raw}' is not an octet: each octet is a whole number from 0 to 255, without leading zeros. For example 10.20.");
                }
            }
            var first = uint.Parse(parts[0], CultureInfo.InvariantCulture);
            var second = uint.Parse(parts[1], CultureInfo.InvariantCulture);
            return new Ipv4Block((first << 24) | (second << 16), 16);
        }

        private static Ipv4Block ParseBlock(string raw)
        {
            var parts = raw.Split('/');
            if (parts.Length != 2 || !Ipv4Block.TryParseAddress(parts[0], out var address))
            {
                throw Invalid(raw, $"'{raw}' is not a CIDR block: write four octets from 0 to 255 and a prefix length, for example 10.20.0.0/16.");
            }
            if (!Ipv4Block.TryParseNumber(parts[1], 32, out var prefix))
            {
                throw Invalid(raw, $"'/{parts[1]}' in '{raw}' is not a prefix length: it is a whole number from 0 to 32; a VPC takes /{SubnetCarving.LargestVpcPrefix} to /{SubnetCarving.SmallestVpcPrefix}.");
            }
            var mask = MaskOf(prefix);
            // The size first: a suggestion made for a size a VPC cannot have would only be refused in turn.
            CheckSize(new Ipv4Block(address & mask, prefix), raw, address);
            if ((address & ~mask) != 0)
            {
                var network = new Ipv4Block(address & mask, prefix);
                // The largest block that starts at the address, no larger than a VPC may be.
                var fittingPrefix = System.Math.Max(32 - TrailingZeroBits(address), SubnetCarving.LargestVpcPrefix);
                var fitting = fittingPrefix <= SubnetCarving.SmallestVpcPrefix
                    ? $", or {new Ipv4Block(address, fittingPrefix)} if you meant the block that starts at {parts[0]}"
                    : string.Empty;
                throw Invalid(raw, $"'{raw}' is not the start of its block: the /{prefix} that holds {parts[0]} begins at {Ipv4Block.FormatAddress(network.Network)}. " +
                    $"Use {network}{fitting}.");
            }
            return new Ipv4Block(address, prefix);
        }

        private static void CheckUsable(Ipv4Block block, string raw)
        {
            var firstOctet = block.Network >> 24;
            var reserved = firstOctet == 0 || firstOctet == 127 || firstOctet >= 224 || Within(block, (169u << 24) | (254u << 16), 16);
            if (reserved)
            {
                throw Invalid(raw, $"{block} is in a reserved range (this-network, loopback, link-local, multicast or class E) that a VPC cannot use. Use a private range such as 10.20.0.0/16.");
            }
        }

        private static uint MaskOf(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);

        /// <param name="address">The address as typed, when it is not the block's start: the example keeps its octets.</param>
        private static void CheckSize(Ipv4Block block, string raw, uint? address = null)
        {
            if (block.PrefixLength < SubnetCarving.LargestVpcPrefix)
            {
                var example = new Ipv4Block((address ?? block.Network) & MaskOf(SubnetCarving.LargestVpcPrefix), SubnetCarving.LargestVpcPrefix);
                throw new HaNatException("CidrTooLarge", HaNatErrorKind.InvalidArgument,
                    $"{raw} is larger than a VPC can be: AWS allows /{SubnetCarving.LargestVpcPrefix} at most. Use /{SubnetCarving.LargestVpcPrefix}, for example {example}.")
                { Target = raw };
            }
            if (block.PrefixLength > SubnetCarving.SmallestVpcPrefix)
            {
                throw new HaNatException("CidrTooSmall", HaNatErrorKind.InvalidArgument,
                    $"{block} is too small: HaNat carves a VPC into 16 equal subnets, and AWS's smallest subnet is /{SubnetCarving.SmallestSubnetPrefix}, so the VPC must be /{SubnetCarving.SmallestVpcPrefix} or larger. " +
                    $"Use a prefix length from /{SubnetCarving.LargestVpcPrefix} to /{SubnetCarving.SmallestVpcPrefix}.")
                { Target = raw };
            }
        }

        private static int TrailingZeroBits(uint address)
        {
            var bits = 0;
            while (bits < 32 && (address & (1u << bits)) == 0) bits++;
            return bits;
        }

        private static bool Within(Ipv4Block block, uint network, int prefix) =>
            new Ipv4Block(network, prefix).Contains(block);

        private static HaNatException Invalid(string? raw, string message) =>
            new HaNatException("InvalidCidr", HaNatErrorKind.InvalidArgument, message) { Target = raw };
    }
}
