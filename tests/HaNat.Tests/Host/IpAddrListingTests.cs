using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class IpAddrListingTests
    {
        [Fact]
        public void ParsesAnEc2PrimaryAddress()
        {
            var output = "2: ens5    inet 10.0.1.23/24 metric 512 brd 10.0.1.255 scope global dynamic ens5\\       valid_lft 3370sec preferred_lft 3370sec\n";
            var address = Assert.Single(IpAddrListing.Parse(output));
            Assert.Equal("ens5", address.InterfaceName);
            Assert.Equal("10.0.1.23", address.Address);
            Assert.Equal(24, address.PrefixLength);
            Assert.Equal("global", address.Scope);
            Assert.Equal("10.0.1.23/24", address.ToString());
        }

        [Fact]
        public void ParsesEveryAddressOfSeveralInterfaces()
        {
            var output =
                "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n" +
                "2: eth0    inet 198.51.100.2/24 scope global eth0\\       valid_lft forever preferred_lft forever\n" +
                "2: eth0    inet 198.51.100.9/24 scope global secondary eth0:1\\       valid_lft forever preferred_lft forever\n";
            var addresses = IpAddrListing.Parse(output);
            Assert.Equal(3, addresses.Count);
            Assert.Equal("198.51.100.2", IpAddrListing.PrimaryAddress(addresses, "eth0")!.Address);
        }

        [Fact]
        public void PointToPointLocalAddressIsAHost()
        {
            var address = Assert.Single(IpAddrListing.Parse("5: ppp0    inet 10.64.0.2 peer 10.64.0.1/32 scope global ppp0\\ valid_lft forever\n"));
            Assert.Equal("10.64.0.2", address.Address);
            Assert.Equal(32, address.PrefixLength);
        }

        [Fact]
        public void LoopbackAddressCannotSourceTraffic()
        {
            var addresses = IpAddrListing.Parse("1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n");
            Assert.Null(IpAddrListing.PrimaryAddress(addresses, "lo"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\n")]
        [InlineData("2: eth0    inet6 fe80::1/64 scope link\\ valid_lft forever\n")]
        [InlineData("Device \"eth7\" does not exist.\n")]
        public void NoAddressInEmptyOrForeignOutput(string output)
        {
            Assert.Empty(IpAddrListing.Parse(output));
        }

        [Fact]
        public void AddressOfAnotherInterfaceDoesNotCount()
        {
            var addresses = IpAddrListing.Parse("3: eth1    inet 10.0.2.5/24 scope global eth1\\ valid_lft forever\n");
            Assert.Null(IpAddrListing.PrimaryAddress(addresses, "eth0"));
        }
    }
}
