using System.Linq;
using HaNat;
using HaNat.Network;
using Xunit;

namespace HaNat.Tests.Topology
{
    public class VpcCidrTests
    {
        [Theory]
        [InlineData("10.20", "10.20.0.0/16")]
        [InlineData(" 172.31 ", "172.31.0.0/16")]
        [InlineData("0.0", null)]
        [InlineData("10.20.0.0/16", "10.20.0.0/16")]
        [InlineData("10.20.0.0/20", "10.20.0.0/20")]
        [InlineData("192.168.7.0/24", "192.168.7.0/24")]
        public void ReadsOctetsAndBlocks(string input, string? expected)
        {
            if (expected == null)
            {
                // 0.0.0.0/16 is "this network": a reserved range, whatever the syntax.
                Assert.Equal("InvalidCidr", Assert.Throws<HaNatException>(() => VpcCidr.Parse(input)).ErrorId);
                return;
            }
            Assert.Equal(expected, VpcCidr.Parse(input).ToString());
        }

        [Theory]
        [InlineData("10.300", "'300'")]
        [InlineData("10", "neither two octets nor a CIDR block")]
        [InlineData("10.20.30", "neither two octets nor a CIDR block")]
        [InlineData("10.20.0.0", "has no prefix length")]
        [InlineData("10.020", "without leading zeros")]
        [InlineData("10.-1", "not an octet")]
        [InlineData("ten.twenty", "not an octet")]
        [InlineData("", "No address range")]
        [InlineData("10.20.0.0/33", "not a prefix length")]
        [InlineData("10.20.0.0/", "not a prefix length")]
        [InlineData("10.20.0/16", "not a CIDR block")]
        [InlineData("10.20.0.256/24", "not a CIDR block")]
        [InlineData("127.0.0.0/16", "reserved range")]
        [InlineData("169.254.0.0/16", "reserved range")]
        [InlineData("224.0.0.0/16", "reserved range")]
        public void RefusesWhatIsNotAnAddressRange(string input, string messagePart)
        {
            var ex = Assert.Throws<HaNatException>(() => VpcCidr.Parse(input));
            Assert.Equal("InvalidCidr", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains(messagePart, ex.Message);
        }

        [Fact]
        public void RefusesHostBitsAndSaysWhichBlockWasMeant()
        {
            var ex = Assert.Throws<HaNatException>(() => VpcCidr.Parse("10.20.1.0/16"));
            Assert.Equal("InvalidCidr", ex.ErrorId);
            Assert.Contains("Use 10.20.0.0/16", ex.Message);
            Assert.Contains("10.20.1.0/24", ex.Message);
            Assert.Equal("10.20.1.0/16", ex.Target);
        }

        /// <summary>Whatever block a refusal suggests is one that is then accepted (10.20.0.0/8 once suggested 10.0.0.0/8).</summary>
        [Theory]
        [InlineData("10.20.0.0/8", "10.20.0.0/16")]
        [InlineData("10.20.1.0/8", "10.20.0.0/16")]
        [InlineData("10.20.1.0/12", "10.20.0.0/16")]
        [InlineData("10.20.1.0/16", "10.20.0.0/16")]
        [InlineData("10.20.1.128/16", "10.20.0.0/16")]
        [InlineData("10.20.0.0/30", null)]
        public void SuggestsOnlyBlocksItAccepts(string input, string? expected)
        {
            var ex = Assert.Throws<HaNatException>(() => VpcCidr.Parse(input));
            var suggested = System.Text.RegularExpressions.Regex.Matches(ex.Message.Substring(ex.Message.IndexOf("Use", System.StringComparison.Ordinal)),
                @"\b\d+\.\d+\.\d+\.\d+/\d+\b").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value).ToList();
            if (expected != null) Assert.Contains(expected, suggested);
            foreach (var block in suggested) VpcCidr.Parse(block);
        }

        [Theory]
        [InlineData("10.0.0.0/8")]
        [InlineData("10.20.0.0/15")]
        public void RefusesMoreThanAwsAllows(string input)
        {
            var ex = Assert.Throws<HaNatException>(() => VpcCidr.Parse(input));
            Assert.Equal("CidrTooLarge", ex.ErrorId);
            Assert.Contains("/16", ex.Message);
        }

        [Theory]
        [InlineData("10.20.0.0/25")]
        [InlineData("10.20.0.0/28")]
        [InlineData("10.20.0.1/32")]
        public void RefusesWhatCannotHoldSixteenSubnets(string input)
        {
            var ex = Assert.Throws<HaNatException>(() => VpcCidr.Parse(input));
            Assert.Equal("CidrTooSmall", ex.ErrorId);
            Assert.Contains("/24", ex.Message);
        }

        [Theory]
        [InlineData("10.20.0.0/16", true)]
        [InlineData("172.16.0.0/16", true)]
        [InlineData("172.32.0.0/16", false)]
        [InlineData("192.168.0.0/16", true)]
        [InlineData("100.64.0.0/16", true)]
        [InlineData("100.128.0.0/16", false)]
        [InlineData("8.8.0.0/16", false)]
        public void KnowsPrivateRanges(string block, bool isPrivate) =>
            Assert.Equal(isPrivate, VpcCidr.IsPrivateRange(Ipv4Block.TryParse(block)!));
    }
}
