using System.Collections.Generic;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class ToolLocatorTests
    {
        [Fact]
        public void SbinComesBeforePath()
        {
            var files = new HashSet<string> { "/opt/bin/iptables", "/usr/sbin/iptables" };
            Assert.Equal("/usr/sbin/iptables", ToolLocator.Find(new[] { "iptables" }, "/opt/bin:/usr/bin", files.Contains));
        }

        [Fact]
        public void PathIsSearchedWhenTheSystemDirectoriesLackIt()
        {
            var files = new HashSet<string> { "/opt/tools/iptables" };
            Assert.Equal("/opt/tools/iptables", ToolLocator.Find(new[] { "iptables" }, "/opt/bin::/opt/tools/", files.Contains));
        }

        [Fact]
        public void EarlierNamesWin()
        {
            var files = new HashSet<string> { "/usr/sbin/iptables-legacy", "/opt/bin/iptables" };
            Assert.Equal("/opt/bin/iptables", ToolLocator.Find(new[] { "iptables", "iptables-nft", "iptables-legacy" }, "/opt/bin", files.Contains));
        }

        [Fact]
        public void NothingFoundIsNull()
        {
            Assert.Null(ToolLocator.Find(new[] { "iptables" }, null, _ => false));
        }
    }
}
