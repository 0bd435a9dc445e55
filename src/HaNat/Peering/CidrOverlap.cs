using HaNat.Network;

namespace HaNat.Peering
{
    /// <summary>Two VPCs can be peered only when no IPv4 block of one overlaps any block of the other.</summary>
    internal static class CidrOverlap
    {
        /// <summary>Every overlapping pair (a block of <paramref name="first"/>, a block of <paramref name="second"/>), in input order.</summary>
        public static IReadOnlyList<(string First, string Second)> Find(IEnumerable<string> first, IEnumerable<string> second)
        {
            var secondBlocks = second.Select(text => (Text: text, Block: Parse(text))).ToArray();
            var pairs = new List<(string, string)>();
            foreach (var a in first)
            {
                var blockA = Parse(a);
                foreach (var b in secondBlocks)
                {
                    if (blockA.Overlaps(b.Block)) pairs.Add((a, b.Text));
                }
            }
            return pairs;
        }

        // EC2 reports VPC blocks in canonical form; anything else is EC2's error, not the user's, so fail loudly.
        private static Ipv4Block Parse(string text) =>
            Ipv4Block.TryParse(text) ?? throw new HaNatException("InvalidVpcCidr", HaNatErrorKind.InvalidResult,
                $"EC2 reported '{text}' as a VPC CIDR block, which is not an IPv4 block HaNat can read.") { Target = text };
    }
}
