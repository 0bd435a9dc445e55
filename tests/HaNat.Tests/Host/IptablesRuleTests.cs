using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class IptablesRuleTests
    {
        [Fact]
        public void ParsesARuleLine()
        {
            var rule = IptablesRule.ParseSpec("-A POSTROUTING -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j MASQUERADE")!;
            Assert.Equal("POSTROUTING", rule.Chain);
            Assert.Equal("10.0.0.0/16", rule.Source);
            Assert.Equal("eth0", rule.OutInterface);
            Assert.Equal("hanat", rule.Comment);
            Assert.Equal("MASQUERADE", rule.Jump);
            Assert.True(rule.IsHaNat);
            Assert.Equal("", rule.Other);
            Assert.Equal(new[] { "-s", "10.0.0.0/16", "-o", "eth0", "-m", "comment", "--comment", "hanat", "-j", "MASQUERADE" }, rule.Arguments);
        }

        [Theory]
        [InlineData("-P POSTROUTING ACCEPT")]
        [InlineData("-N DOCKER")]
        [InlineData("")]
        [InlineData("# Warning: iptables-legacy tables present, use iptables-legacy to see them")]
        public void PolicyChainAndOtherLinesAreNotRules(string line)
        {
            Assert.Null(IptablesRule.ParseSpec(line));
        }

        [Fact]
        public void QuotedCommentsAreOneToken()
        {
            Assert.Equal(new[] { "-A", "X", "--comment", "hanat x", "-j", "ACCEPT" },
                IptablesRule.Tokenize("-A X --comment \"hanat x\" -j ACCEPT"));
            Assert.Equal(new[] { "--comment", "say \"hi\"" }, IptablesRule.Tokenize("--comment \"say \\\"hi\\\"\""));
            var rule = IptablesRule.ParseSpec("-A FORWARD -s 10.0.0.0/16 -m comment --comment \"hanat x\" -j ACCEPT")!;
            Assert.False(rule.IsHaNat);
        }

        [Fact]
        public void SameRuleWhateverTheOptionOrder()
        {
            var written = IptablesRule.Create("FORWARD", "-d", "10.0.0.0/16", "-i", "eth0", "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED",
                "-m", "comment", "--comment", "hanat", "-j", "ACCEPT");
            var listed = IptablesRule.ParseSpec("-A FORWARD -i eth0 -d 10.0.0.0/16 -m comment --comment hanat -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT")!;
            Assert.Equal(written.Key, listed.Key);
        }

        [Fact]
        public void HostBitsAndSlash32AreNormalised()
        {
            Assert.Equal(IptablesRule.Create("POSTROUTING", "-s", "10.0.0.0/16", "-j", "MASQUERADE").Key,
                IptablesRule.ParseSpec("-A POSTROUTING -s 10.0.9.9/16 -j MASQUERADE")!.Key);
            Assert.Equal("10.1.1.1/32", IptablesRule.ParseSpec("-A POSTROUTING -s 10.1.1.1 -j MASQUERADE")!.Source);
        }

        [Fact]
        public void ExtraMatchesMakeADifferentRule()
        {
            var plain = IptablesRule.ParseSpec("-A POSTROUTING -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j MASQUERADE")!;
            var tcpOnly = IptablesRule.ParseSpec("-A POSTROUTING -s 10.0.0.0/16 -o eth0 -p tcp -m comment --comment hanat -j MASQUERADE")!;
            var negated = IptablesRule.ParseSpec("-A POSTROUTING ! -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j MASQUERADE")!;
            Assert.NotEqual(plain.Key, tcpOnly.Key);
            Assert.NotEqual(plain.Key, negated.Key);
        }

        [Fact]
        public void ReadsTheChainPolicy()
        {
            const string listing = "-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n";
            Assert.Equal("DROP", IptablesRule.ParsePolicy(listing, "FORWARD"));
            Assert.Null(IptablesRule.ParsePolicy(listing, "INPUT"));
            Assert.Single(IptablesRule.ParseListing(listing));
        }

        [Fact]
        public void DescribeQuotesWhatNeedsIt()
        {
            var rule = IptablesRule.Create("FORWARD", "-m", "comment", "--comment", "two words", "-j", "ACCEPT");
            Assert.Equal("-A FORWARD -m comment --comment \"two words\" -j ACCEPT", rule.Describe());
        }
    }
}
