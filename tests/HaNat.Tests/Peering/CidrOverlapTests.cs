using HaNat.Peering;
using Xunit;

namespace HaNat.Tests.Peering
{
    public class CidrOverlapTests
    {
        [Theory]
        [InlineData("10.1.0.0/16", "10.2.0.0/16")]
        [InlineData("10.1.0.0/16", "10.0.0.0/16")]
        [InlineData("10.1.0.0/24", "10.1.1.0/24")]
        [InlineData("172.16.0.0/12", "172.32.0.0/16")]
        public void DisjointBlocksDoNotOverlap(string a, string b)
        {
            Assert.Empty(CidrOverlap.Find(new[] { a }, new[] { b }));
        }

        [Theory]
        [InlineData("10.1.0.0/16", "10.1.0.0/16")]
        [InlineData("10.1.0.0/16", "10.1.128.0/17")]
        [InlineData("10.1.128.0/17", "10.1.0.0/16")]
        [InlineData("10.0.0.0/8", "10.200.3.0/24")]
        public void ContainedOrEqualBlocksOverlap(string a, string b)
        {
            var pair = Assert.Single(CidrOverlap.Find(new[] { a }, new[] { b }));
            Assert.Equal((a, b), pair);
        }

        [Fact]
        public void EveryBlockOfEachSideIsCompared()
        {
            // Primary blocks are disjoint; a secondary block of each side collides with the other's.
            var pairs = CidrOverlap.Find(new[] { "10.1.0.0/16", "10.50.0.0/16" }, new[] { "10.2.0.0/16", "10.1.64.0/18", "10.50.7.0/24" });
            Assert.Equal(new[] { ("10.1.0.0/16", "10.1.64.0/18"), ("10.50.0.0/16", "10.50.7.0/24") }, pairs);
        }

        [Fact]
        public void ABlockEc2CouldNotHaveReportedIsAnError()
        {
            var ex = Assert.Throws<HaNatException>(() => CidrOverlap.Find(new[] { "10.1.0.0/33" }, new[] { "10.2.0.0/16" }));
            Assert.Equal("InvalidVpcCidr", ex.ErrorId);
        }
    }
}
