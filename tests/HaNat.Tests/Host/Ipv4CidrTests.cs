using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class Ipv4CidrTests
    {
        [Theory]
        [InlineData("10.0.0.0/16", "10.0.0.0/16")]
        [InlineData("10.0.5.7/16", "10.0.0.0/16")]
        [InlineData(" 172.31.0.0/20 ", "172.31.0.0/20")]
        [InlineData("10.1.2.3", "10.1.2.3/32")]
        [InlineData("0.0.0.0/0", "0.0.0.0/0")]
        [InlineData("255.255.255.255/32", "255.255.255.255/32")]
        public void ParsesToTheFormIptablesPrints(string text, string expected)
        {
            Assert.True(Ipv4Cidr.TryParse(text, out var cidr));
            Assert.Equal(expected, cidr!.ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("10.0.0/16")]
        [InlineData("10.0.0.256/16")]
        [InlineData("10.0.0.0/33")]
        [InlineData("10.0.0.0/-1")]
        [InlineData("10.0.0.0/16/1")]
        [InlineData("fd00::/8")]
        [InlineData("10.0.0.x/16")]
        public void RejectsWhatIsNotAnIpv4Cidr(string? text)
        {
            Assert.False(Ipv4Cidr.TryParse(text, out var cidr));
            Assert.Null(cidr);
        }

        [Fact]
        public void EqualWhenTheSameNetwork()
        {
            Assert.Equal(Ipv4Cidr.Parse("10.0.0.9/8"), Ipv4Cidr.Parse("10.200.0.0/8"));
            Assert.NotEqual(Ipv4Cidr.Parse("10.0.0.0/8"), Ipv4Cidr.Parse("10.0.0.0/9"));
        }
    }
}
