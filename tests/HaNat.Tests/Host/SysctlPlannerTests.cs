using System.Collections.Generic;
using System.Linq;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class SysctlPlannerTests
    {
        private static Dictionary<string, string?> Fresh(string uplink) => new Dictionary<string, string?>
        {
            ["net.ipv4.ip_forward"] = "0\n",
            ["net.ipv4.conf.all.send_redirects"] = "1\n",
            ["net.ipv4.conf.default.send_redirects"] = "1\n",
            [$"net.ipv4.conf.{uplink}.send_redirects"] = "1\n",
        };

        [Fact]
        public void AFreshHostGetsEverySettingAndForwardingLast()
        {
            var values = Fresh("eth0");
            var writes = SysctlPlanner.Plan("eth0", k => values[k]);
            Assert.Equal(4, writes.Count);
            Assert.Equal("net.ipv4.ip_forward", writes.Last().Key);
            Assert.Equal("1", writes.Last().Value);
            Assert.All(writes.Take(3), w => Assert.Equal("0", w.Value));
            Assert.Equal("set net.ipv4.ip_forward=1 (was 0)", writes.Last().Description);
        }

        [Fact]
        public void AHostAlreadySetUpNeedsNothing()
        {
            var values = SysctlPlanner.Desired("eth0").ToDictionary(d => d.Key, d => (string?)(d.Value + "\n"));
            Assert.Empty(SysctlPlanner.Plan("eth0", k => values[k]));
        }

        [Fact]
        public void AnUnreadableSettingIsWritten()
        {
            var write = Assert.Single(SysctlPlanner.Plan("eth0", k => k == "net.ipv4.ip_forward" ? null : "0"));
            Assert.Equal("net.ipv4.ip_forward", write.Key);
            Assert.Contains("unreadable", write.Description);
        }

        [Fact]
        public void ARelayTurnsRedirectsOffOnItsOwnInterfaceToo()
        {
            // The takeover set `all`, `default` and the uplink; a relay out of a second interface still had it on, and
            // `all` OR the interface decides.
            var values = new Dictionary<string, string?>
            {
                ["net.ipv4.conf.all.send_redirects"] = "0\n",
                ["net.ipv4.conf.fab0.send_redirects"] = "1\n",
            };
            var write = Assert.Single(SysctlPlanner.PlanNoRedirects("fab0", k => values[k]));
            Assert.Equal("net.ipv4.conf.fab0.send_redirects", write.Key);
            Assert.Equal("0", write.Value);
            Assert.Equal("/proc/sys/net/ipv4/conf/fab0/send_redirects", SysctlPlanner.PathOf(write.Key, "fab0"));

            values["net.ipv4.conf.fab0.send_redirects"] = "0";
            Assert.Empty(SysctlPlanner.PlanNoRedirects("fab0", k => values[k]));
            values["net.ipv4.conf.all.send_redirects"] = null;
            Assert.Equal("net.ipv4.conf.all.send_redirects", Assert.Single(SysctlPlanner.PlanNoRedirects("fab0", k => values[k])).Key);
        }

        [Theory]
        [InlineData("net.ipv4.ip_forward", "eth0", "/proc/sys/net/ipv4/ip_forward")]
        [InlineData("net.ipv4.conf.all.send_redirects", "eth0", "/proc/sys/net/ipv4/conf/all/send_redirects")]
        [InlineData("net.ipv4.conf.eth0.100.send_redirects", "eth0.100", "/proc/sys/net/ipv4/conf/eth0.100/send_redirects")]
        public void PathsKeepInterfaceNamesWhole(string key, string uplink, string path)
        {
            Assert.Equal(path, SysctlPlanner.PathOf(key, uplink));
        }
    }
}
