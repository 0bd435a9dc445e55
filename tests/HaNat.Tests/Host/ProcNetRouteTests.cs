using System.Linq;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class ProcNetRouteTests
    {
        private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n";

        // A typical EC2 NAT: default via the VPC router on ens5, plus the subnet route.
        private const string Ec2 = Header +
            "ens5\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0                                                                               \n" +
            "ens5\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0                                                                               \n";

        [Fact]
        public void ParsesEveryRouteLine()
        {
            var routes = ProcNetRoute.Parse(Ec2);
            Assert.Equal(2, routes.Count);
            Assert.All(routes, r => Assert.Equal("ens5", r.InterfaceName));
            Assert.Equal(100, routes[0].Metric);
            Assert.True(routes[0].IsDefault);
            Assert.False(routes[1].IsDefault);
        }

        [Fact]
        public void DecodesTheGatewayInNetworkOrder()
        {
            var route = ProcNetRoute.Parse(Ec2)[0];
            Assert.Equal("10.0.0.1", route.Gateway!.ToString());
            Assert.Null(ProcNetRoute.Parse(Ec2)[1].Gateway);
        }

        [Fact]
        public void DefaultIsTheLowestMetric()
        {
            var text = Header +
                "eth1\t00000000\t0101000A\t0003\t0\t0\t200\t00000000\t0\t0\t0\n" +
                "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
                "eth2\t00000000\t0102000A\t0003\t0\t0\t300\t00000000\t0\t0\t0\n";
            Assert.Equal("eth0", ProcNetRoute.FindDefault(ProcNetRoute.Parse(text))!.InterfaceName);
        }

        [Fact]
        public void OnATieTheFirstListedWins()
        {
            var text = Header +
                "eth1\t00000000\t0101000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
                "eth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
            Assert.Equal("eth1", ProcNetRoute.FindDefault(ProcNetRoute.Parse(text))!.InterfaceName);
        }

        [Fact]
        public void ADeviceRouteWithoutGatewayIsADefaultToo()
        {
            var text = Header + "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n";
            var route = ProcNetRoute.FindDefault(ProcNetRoute.Parse(text));
            Assert.Equal("wg0", route!.InterfaceName);
            Assert.Null(route.Gateway);
        }

        [Fact]
        public void UnreachableAndDownDefaultsAreNotUsed()
        {
            // `ip route add unreachable default` shows as interface "*" with RTF_REJECT; a route without RTF_UP carries nothing.
            var text = Header +
                "*\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n" +
                "eth9\t00000000\t0100000A\t0002\t0\t0\t0\t00000000\t0\t0\t0\n" +
                "eth0\t00000000\t0100000A\t0003\t0\t0\t500\t00000000\t0\t0\t0\n";
            Assert.Equal("eth0", ProcNetRoute.FindDefault(ProcNetRoute.Parse(text))!.InterfaceName);
        }

        [Fact]
        public void NoDefaultWhenOnlySubnetRoutes()
        {
            var text = Header + "eth0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
            Assert.Null(ProcNetRoute.FindDefault(ProcNetRoute.Parse(text)));
        }

        [Theory]
        [InlineData("")]
        [InlineData(Header)]
        [InlineData("garbage\nmore garbage\n")]
        public void EmptyOrForeignTextHasNoRoutes(string text)
        {
            Assert.Empty(ProcNetRoute.Parse(text));
        }

        [Fact]
        public void MalformedLinesAreSkipped()
        {
            var text = Header + "eth0\tZZZZ\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\neth1\t00000000\n" + Ec2.Split('\n')[1] + "\n";
            Assert.Equal(new[] { "ens5" }, ProcNetRoute.Parse(text).Select(r => r.InterfaceName));
        }
    }
}
