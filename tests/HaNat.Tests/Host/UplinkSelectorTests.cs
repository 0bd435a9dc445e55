using System.Collections.Generic;
using System.Linq;
using HaNat;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class UplinkSelectorTests
    {
        private const string Eth0Mac = "0e:00:00:00:00:01";
        private const string Eth1Mac = "0e:00:00:00:00:02";

        private static RouteEntry Default(string iface, int metric = 0) =>
            new RouteEntry(iface, 0, 0, System.Net.IPAddress.Parse("10.0.0.1"), RouteEntry.FlagUp | RouteEntry.FlagGateway, metric);

        private static RouteEntry Subnet(string iface) =>
            new RouteEntry(iface, 0x0000000A, 0x00FFFFFF, null, RouteEntry.FlagUp, 0);

        private static InterfaceFacts Up(string name, string? mac) => new InterfaceFacts(name, mac, "up", 0x1003, true);

        private static Dictionary<string, InterfaceFacts> Interfaces(params InterfaceFacts[] facts) =>
            facts.ToDictionary(f => f.Name);

        private static HaNatException Refusal(System.Action act) => Assert.Throws<HaNatException>(act);

        [Fact]
        public void PicksTheDefaultRouteInterface()
        {
            var uplink = UplinkSelector.Select(new[] { Subnet("eth1"), Default("eth0") },
                Interfaces(Up("eth0", Eth0Mac), Up("eth1", Eth1Mac)), Eth0Mac);
            Assert.Equal("eth0", uplink.Name);
        }

        [Fact]
        public void MacComparisonIgnoresCaseAndSpace()
        {
            var uplink = UplinkSelector.Select(new[] { Default("eth0") }, Interfaces(Up("eth0", Eth0Mac)), " 0E:00:00:00:00:01\n");
            Assert.Equal("eth0", uplink.Name);
        }

        [Fact]
        public void WithoutAMacTheDefaultRouteDecides()
        {
            Assert.Equal("eth1", UplinkSelector.Select(new[] { Default("eth1") }, Interfaces(Up("eth0", Eth0Mac), Up("eth1", Eth1Mac)), null).Name);
        }

        [Fact]
        public void NoDefaultRouteIsRefused()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Subnet("eth0") }, Interfaces(Up("eth0", Eth0Mac)), Eth0Mac));
            Assert.Equal(HostNatErrors.NoDefaultRoute, ex.ErrorId);
            Assert.Contains("ip route", ex.Message);
        }

        [Fact]
        public void AnEmptyInterfaceNameIsRefusedNotUsed()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("") }, Interfaces(Up("eth0", Eth0Mac)), null));
            Assert.Equal(HostNatErrors.InterfaceNotFound, ex.ErrorId);
        }

        [Fact]
        public void ADefaultRouteOnAVanishedInterfaceIsRefused()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("eth7") }, Interfaces(Up("eth0", Eth0Mac)), Eth0Mac));
            Assert.Equal(HostNatErrors.InterfaceNotFound, ex.ErrorId);
            Assert.Contains("eth7", ex.Message);
            Assert.Equal("eth7", ex.Target);
        }

        [Fact]
        public void TheWrongInterfaceIsRefusedAndBothAreNamed()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("eth1") }, Interfaces(Up("eth0", Eth0Mac), Up("eth1", Eth1Mac)), Eth0Mac));
            Assert.Equal(HostNatErrors.InterfaceMismatch, ex.ErrorId);
            Assert.Contains("eth1", ex.Message);
            Assert.Contains(Eth1Mac, ex.Message);
            Assert.Contains(Eth0Mac, ex.Message);
            Assert.Contains("that is eth0 here", ex.Message);
        }

        [Fact]
        public void AMacNoInterfaceHasIsSaidSo()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("eth0") }, Interfaces(Up("eth0", Eth0Mac)), "0e:ff:ff:ff:ff:ff"));
            Assert.Equal(HostNatErrors.InterfaceMismatch, ex.ErrorId);
            Assert.Contains("no interface here has it", ex.Message);
        }

        [Fact]
        public void AnInterfaceWithoutMacDoesNotMatchIt()
        {
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("tun0") },
                Interfaces(new InterfaceFacts("tun0", null, "unknown", 0x1091, null), Up("eth0", Eth0Mac)), Eth0Mac));
            Assert.Equal(HostNatErrors.InterfaceMismatch, ex.ErrorId);
            Assert.Contains("MAC none", ex.Message);
        }

        [Fact]
        public void ADownInterfaceIsRefused()
        {
            var down = new InterfaceFacts("eth0", Eth0Mac, "down", 0x1003, false);
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("eth0") }, Interfaces(down), Eth0Mac));
            Assert.Equal(HostNatErrors.InterfaceDown, ex.ErrorId);
            Assert.Contains("ip link set eth0 up", ex.Message);
            Assert.Contains("no carrier", ex.Message);
        }

        [Fact]
        public void TheLowestMetricRouteIsTheOneChecked()
        {
            // eth1 is up, but the kernel sends through eth0 (lower metric), which is down: that must be refused.
            var ex = Refusal(() => UplinkSelector.Select(new[] { Default("eth1", 200), Default("eth0", 100) },
                Interfaces(new InterfaceFacts("eth0", Eth0Mac, "down", 0x1003, false), Up("eth1", Eth1Mac)), null));
            Assert.Equal(HostNatErrors.InterfaceDown, ex.ErrorId);
            Assert.Equal("eth0", ex.Target);
        }

        [Fact]
        public void TheAddressIsTheUplinksOwn()
        {
            var address = UplinkSelector.RequireAddress(Up("eth0", Eth0Mac),
                IpAddrListing.Parse("2: eth0    inet 10.0.0.5/24 scope global eth0\\ valid_lft forever\n"));
            Assert.Equal("10.0.0.5/24", address.ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData("3: eth1    inet 10.0.2.5/24 scope global eth1\\ valid_lft forever\n")]
        public void AnUplinkWithoutAddressIsRefused(string ipOutput)
        {
            var ex = Refusal(() => UplinkSelector.RequireAddress(Up("eth0", Eth0Mac), IpAddrListing.Parse(ipOutput)));
            Assert.Equal(HostNatErrors.InterfaceHasNoAddress, ex.ErrorId);
            Assert.Contains("eth0", ex.Message);
        }
    }
}
