using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class InterfaceFactsTests
    {
        [Theory]
        [InlineData("up", 0x1003, true, true)]        // veth, ENA: operstate up
        [InlineData("up", 0x1003, null, true)]        // carrier unreadable
        [InlineData("unknown", 0x9, null, true)]      // lo: no operstate, IFF_UP decides
        [InlineData("unknown", 0x1090, null, false)]  // a tun left admin down
        [InlineData("down", 0x1003, false, false)]    // IFF_UP but the peer/cable is gone
        [InlineData("lowerlayerdown", 0x1003, false, false)]
        [InlineData("dormant", 0x1003, true, false)]
        [InlineData("down", 0x1002, null, false)]     // admin down
        [InlineData("up", 0x1003, false, false)]      // carrier lost, operstate not yet updated
        [InlineData(null, 0x1003, null, true)]        // operstate unreadable: the flag decides
        [InlineData(null, null, null, false)]         // nothing readable: not up
        public void IsUpFollowsOperstateThenTheFlag(string? operState, int? flags, bool? carrier, bool expected)
        {
            Assert.Equal(expected, new InterfaceFacts("x", "02:00:00:00:00:01", operState, flags, carrier).IsUp);
        }

        [Theory]
        [InlineData("0x1003\n", 0x1003)]
        [InlineData("0x9", 0x9)]
        [InlineData("1003", 0x1003)]
        [InlineData("", null)]
        [InlineData(null, null)]
        [InlineData("0xZZ", null)]
        public void ParsesSysfsFlags(string? text, int? expected)
        {
            Assert.Equal(expected, InterfaceFacts.ParseFlags(text));
        }

        [Fact]
        public void MacIsLowerCasedAndEmptyIsNone()
        {
            Assert.Equal("0e:ab:cd:00:11:22", new InterfaceFacts("eth0", "0E:AB:CD:00:11:22\n", "up", 1, true).MacAddress);
            Assert.Null(new InterfaceFacts("tun0", "\n", "unknown", 1, null).MacAddress);
        }

        [Fact]
        public void StateDescriptionNamesWhatWasSeen()
        {
            var text = new InterfaceFacts("eth0", null, "down", 0x1003, false).DescribeState();
            Assert.Contains("operstate down", text);
            Assert.Contains("IFF_UP set", text);
            Assert.Contains("no carrier", text);
        }
    }
}
