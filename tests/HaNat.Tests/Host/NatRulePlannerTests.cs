using System.Collections.Generic;
using System.Linq;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class NatRulePlannerTests
    {
        private const string EmptyNat = "-P POSTROUTING ACCEPT\n";
        private const string OpenForward = "-P FORWARD ACCEPT\n";
        private const string ClosedForward = "-P FORWARD DROP\n";
        private static readonly Ipv4Cidr Vpc = Ipv4Cidr.Parse("10.0.0.0/16");
        private static readonly Ipv4Cidr Secondary = Ipv4Cidr.Parse("100.64.0.0/16");

        private static IReadOnlyList<FirewallChange> Plan(string nat, string forward = OpenForward, string uplink = "eth0", params Ipv4Cidr[] cidrs) =>
            NatRulePlanner.Plan(cidrs.Length == 0 ? new[] { Vpc } : cidrs, uplink, nat, forward);

        private static string Masq(string cidr, string iface) => $"-A POSTROUTING -s {cidr} -o {iface} -m comment --comment hanat -j MASQUERADE\n";

        [Fact]
        public void AFreshHostGetsOneMasqueradePerCidr()
        {
            var changes = Plan(EmptyNat, OpenForward, "eth0", Vpc, Secondary);
            Assert.Equal(2, changes.Count);
            Assert.All(changes, c =>
            {
                Assert.Equal(FirewallChangeKind.Add, c.Kind);
                Assert.Equal("nat", c.Table);
                Assert.Equal("POSTROUTING", c.Rule.Chain);
                Assert.Equal("eth0", c.Rule.OutInterface);
                Assert.Equal("MASQUERADE", c.Rule.Jump);
                Assert.True(c.Rule.IsHaNat);
            });
            Assert.Equal(new[] { "10.0.0.0/16", "100.64.0.0/16" }, changes.Select(c => c.Rule.Source));
            Assert.Equal(new[] { "-s", "10.0.0.0/16", "-o", "eth0", "-m", "comment", "--comment", "hanat", "-j", "MASQUERADE" }, changes[0].Rule.Arguments);
        }

        [Fact]
        public void AHostAlreadySetUpNeedsNothing()
        {
            Assert.Empty(Plan(EmptyNat + Masq("10.0.0.0/16", "eth0")));
        }

        [Fact]
        public void ACidrGivenTwiceIsOneRule()
        {
            Assert.Single(Plan(EmptyNat, OpenForward, "eth0", Vpc, Ipv4Cidr.Parse("10.0.7.0/16")));
        }

        [Fact]
        public void OnlyTheMissingCidrIsAdded()
        {
            var change = Assert.Single(Plan(EmptyNat + Masq("10.0.0.0/16", "eth0"), OpenForward, "eth0", Vpc, Secondary));
            Assert.Equal(FirewallChangeKind.Add, change.Kind);
            Assert.Equal("100.64.0.0/16", change.Rule.Source);
            Assert.Contains("100.64.0.0/16", change.Description);
        }

        [Fact]
        public void AStaleRuleOnAnotherInterfaceIsReplaced()
        {
            var changes = Plan(EmptyNat + Masq("10.0.0.0/16", "eth1"), OpenForward, "eth0");
            Assert.Equal(2, changes.Count);
            Assert.Equal(FirewallChangeKind.Add, changes[0].Kind);
            Assert.Equal("eth0", changes[0].Rule.OutInterface);
            Assert.Equal(FirewallChangeKind.Delete, changes[1].Kind);
            Assert.Equal("eth1", changes[1].Rule.OutInterface);
            Assert.Contains("stale", changes[1].Description);
        }

        [Fact]
        public void AnEmptyInterfaceRuleOfOursIsRemoved()
        {
            // The peer project's failure: a rule with `-o ""` iptables accepts; HaNat's own such leftovers must go.
            var changes = Plan(EmptyNat + "-A POSTROUTING -s 10.0.0.0/16 -m comment --comment hanat -j MASQUERADE\n");
            Assert.Contains(changes, c => c.Kind == FirewallChangeKind.Delete && c.Rule.OutInterface == null);
            Assert.Contains(changes, c => c.Kind == FirewallChangeKind.Add && c.Rule.OutInterface == "eth0");
        }

        [Fact]
        public void ARuleForACidrTheVpcNoLongerHasIsRemoved()
        {
            var change = Assert.Single(Plan(EmptyNat + Masq("10.0.0.0/16", "eth0") + Masq("10.9.0.0/16", "eth0")));
            Assert.Equal(FirewallChangeKind.Delete, change.Kind);
            Assert.Equal("10.9.0.0/16", change.Rule.Source);
        }

        [Fact]
        public void DuplicatesAreReducedToOne()
        {
            var changes = Plan(EmptyNat + Masq("10.0.0.0/16", "eth0") + Masq("10.0.0.0/16", "eth0") + Masq("10.0.0.0/16", "eth0"));
            Assert.Equal(2, changes.Count);
            Assert.All(changes, c => Assert.Equal(FirewallChangeKind.Delete, c.Kind));
            Assert.All(changes, c => Assert.Contains("duplicate", c.Description));
        }

        [Fact]
        public void RulesHaNatDidNotWriteAreLeftAlone()
        {
            var nat = EmptyNat +
                "-A POSTROUTING -s 10.0.0.0/16 -o eth1 -j MASQUERADE\n" +
                "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n" +
                "-A POSTROUTING -s 10.0.0.0/16 -o eth1 -m comment --comment \"hanat old\" -j MASQUERADE\n";
            var change = Assert.Single(Plan(nat));
            Assert.Equal(FirewallChangeKind.Add, change.Kind);
        }

        [Fact]
        public void ARuleOfOursWithExtraMatchesIsNotTakenForTheRightOne()
        {
            var changes = Plan(EmptyNat + "-A POSTROUTING -s 10.0.0.0/16 -o eth0 -p tcp -m comment --comment hanat -j MASQUERADE\n");
            Assert.Contains(changes, c => c.Kind == FirewallChangeKind.Add);
            Assert.Contains(changes, c => c.Kind == FirewallChangeKind.Delete && c.Rule.Other == "-p tcp");
        }

        [Fact]
        public void ForwardPolicyDropOpensTheVpcBothWays()
        {
            var forward = Plan(EmptyNat + Masq("10.0.0.0/16", "eth0"), ClosedForward).ToList();
            Assert.Equal(2, forward.Count);
            Assert.All(forward, c =>
            {
                Assert.Equal(FirewallChangeKind.Add, c.Kind);
                Assert.Equal("filter", c.Table);
                Assert.Equal("FORWARD", c.Rule.Chain);
                Assert.Equal("ACCEPT", c.Rule.Jump);
                Assert.True(c.Rule.IsHaNat);
                Assert.Contains("DROP", c.Description);
            });
            Assert.Equal("10.0.0.0/16", forward[0].Rule.Source);
            Assert.Equal("eth0", forward[0].Rule.OutInterface);
            Assert.Equal("10.0.0.0/16", forward[1].Rule.Destination);
            Assert.Equal("eth0", forward[1].Rule.InInterface);
            Assert.Equal("ESTABLISHED,RELATED", forward[1].Rule.CtState);
        }

        [Fact]
        public void ForwardRulesComeBeforeMasquerade()
        {
            var changes = Plan(EmptyNat, ClosedForward);
            Assert.Equal(new[] { "filter", "filter", "nat" }, changes.Select(c => c.Table));
        }

        [Fact]
        public void ForwardPolicyAcceptNeedsNoForwardRules()
        {
            Assert.DoesNotContain(Plan(EmptyNat, OpenForward), c => c.Table == "filter");
        }

        [Fact]
        public void ForwardRulesAlreadyThereAreNotAddedAgain()
        {
            var forward = ClosedForward +
                "-A FORWARD -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j ACCEPT\n" +
                "-A FORWARD -d 10.0.0.0/16 -i eth0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment hanat -j ACCEPT\n";
            Assert.Empty(Plan(EmptyNat + Masq("10.0.0.0/16", "eth0"), forward));
        }

        [Fact]
        public void StaleForwardRulesGoEvenWhenThePolicyAccepts()
        {
            var forward = OpenForward +
                "-A FORWARD -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j ACCEPT\n" +
                "-A FORWARD -s 10.0.0.0/16 -o eth1 -m comment --comment hanat -j ACCEPT\n";
            var change = Assert.Single(Plan(EmptyNat + Masq("10.0.0.0/16", "eth0"), forward));
            Assert.Equal(FirewallChangeKind.Delete, change.Kind);
            Assert.Equal("eth1", change.Rule.OutInterface);
        }
    }
}
