using System.Collections.Generic;
using System.Linq;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class RelayPlannerTests
    {
        private static readonly Ipv4Cidr SubnetB = Ipv4Cidr.Parse("10.0.21.0/24");
        private static readonly Ipv4Cidr SubnetB2 = Ipv4Cidr.Parse("10.0.121.0/24");
        private static readonly RelayHostState Empty = new RelayHostState("-P PREROUTING ACCEPT\n",
            "-P POSTROUTING ACCEPT\n-A POSTROUTING -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j MASQUERADE\n",
            "-P FORWARD ACCEPT\n", "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n");

        /// <summary>The host after the plan ran, as iptables -S and ip rule would list it (each insert at the top).</summary>
        private static RelayHostState After(RelayHostState host, IEnumerable<RelayStep> steps)
        {
            var chains = new Dictionary<string, List<string>>
            {
                ["mangle"] = host.ManglePreRouting.Split('\n').Where(l => l.Length > 0).ToList(),
                ["nat"] = host.NatPostRouting.Split('\n').Where(l => l.Length > 0).ToList(),
                ["filter"] = host.FilterForward.Split('\n').Where(l => l.Length > 0).ToList(),
            };
            var rules = host.IpRules.Split('\n').Where(l => l.Length > 0).ToList();
            foreach (var step in steps)
            {
                if (step.Kind == RelayStepKind.InsertRule) chains[step.Table!].Insert(1, step.Rule!.Describe());
                else if (step.Kind == RelayStepKind.DeleteRule) Assert.True(chains[step.Table!].Remove(step.Rule!.Describe()), step.Describe());
                else if (step.Kind == RelayStepKind.FlushConntrack) continue;
                else if (step.IpArguments![0] == "rule" && step.IpArguments[1] == "add")
                    rules.Add($"{step.IpArguments[7]}:\tfrom all fwmark {step.IpArguments[3]} lookup {step.IpArguments[5]}");
                else if (step.IpArguments[0] == "rule" && step.IpArguments[1] == "del")
                    Assert.Equal(1, rules.RemoveAll(r => r.StartsWith(step.IpArguments[3] + ":")));
            }
            return new RelayHostState(string.Join("\n", chains["mangle"]), string.Join("\n", chains["nat"]), string.Join("\n", chains["filter"]), string.Join("\n", rules));
        }

        [Fact]
        public void StartingRoutesFirstThenAcceptsThenMarksTheZonesNonSynNewConnections()
        {
            var steps = RelayPlanner.PlanStart("us-east-1b", "10.0.20.5", new[] { SubnetB, SubnetB2 }, "eth0", Empty)!;
            Assert.Equal(new[]
            {
                "ip route replace default via 10.0.20.5 dev eth0 onlink table 4840",
                "ip rule add fwmark 0x100000/0xf00000 lookup 4840 pref 4840",
                "iptables -t filter -I FORWARD -m connmark --mark 0x100000/0xf00000 -m comment --comment hanat-relay:us-east-1b:10.0.20.5 -j ACCEPT (first)",
                "iptables -t nat -I POSTROUTING -m connmark --mark 0x100000/0xf00000 -m comment --comment hanat-relay:us-east-1b:10.0.20.5 -j ACCEPT (first)",
                "iptables -t mangle -I PREROUTING -m connmark --mark 0x100000/0xf00000 -m comment --comment hanat-relay:us-east-1b:10.0.20.5 -j MARK --set-xmark 0x100000/0xf00000 (first)",
                "iptables -t mangle -I PREROUTING -s 10.0.121.0/24 -p tcp ! --syn -m conntrack --ctstate NEW -m comment --comment hanat-relay:us-east-1b:10.0.20.5 -j CONNMARK --set-xmark 0x100000/0xf00000 (first)",
                "iptables -t mangle -I PREROUTING -s 10.0.21.0/24 -p tcp ! --syn -m conntrack --ctstate NEW -m comment --comment hanat-relay:us-east-1b:10.0.20.5 -j CONNMARK --set-xmark 0x100000/0xf00000 (first)",
            }, steps.Select(s => s.Describe()));
            // On the host: the connection marks come before the packet mark that reads them, and the accept before the masquerade.
            var host = After(Empty, steps);
            var mangle = IptablesRule.ParseListing(host.ManglePreRouting);
            Assert.Equal(new[] { "CONNMARK", "CONNMARK", "MARK" }, mangle.Select(r => r.Jump));
            Assert.Equal(new[] { "ACCEPT", "MASQUERADE" }, IptablesRule.ParseListing(host.NatPostRouting).Select(r => r.Jump));
            Assert.Equal(new Dictionary<string, string> { ["us-east-1b"] = "10.0.20.5" }, RelayPlanner.Relays(host));
            Assert.Equal(new[] { 0 }, RelayPlanner.HeldIpRules(host.IpRules));
        }

        [Fact]
        public void EndingRemovesOnlyTheZonesRulesMarksFirstAndLeavesTheRest()
        {
            var host = After(Empty, RelayPlanner.PlanStart("us-east-1b", "10.0.20.5", new[] { SubnetB }, "eth0", Empty)!);
            host = After(host, RelayPlanner.PlanStart("us-east-1c", "10.0.30.5", new[] { Ipv4Cidr.Parse("10.0.22.0/24") }, "eth0", host)!);
            var end = RelayPlanner.PlanEnd("us-east-1b", host);
            Assert.Equal("mangle", end[0].Table);
            Assert.Equal(new[] { "ip rule del pref 4840", "ip route flush table 4840" }, end.Where(s => s.Kind == RelayStepKind.Ip).Select(s => s.Describe()));
            // Last, the relay's conntrack entries, and only its slot's.
            Assert.Equal(RelayStep.FlushConntrack(RelayPlanner.Mark(0)), end[end.Count - 1]);
            Assert.Single(end, s => s.Kind == RelayStepKind.FlushConntrack);
            var after = After(host, end);
            Assert.Equal(new Dictionary<string, string> { ["us-east-1c"] = "10.0.30.5" }, RelayPlanner.Relays(after));
            Assert.Equal(new[] { 1 }, RelayPlanner.HeldIpRules(after.IpRules));
            // The masquerade and the system's ip rules are untouched; ending everything leaves the host as it was.
            var clean = After(after, RelayPlanner.PlanEnd(null, after));
            Assert.Equal(Empty.ManglePreRouting.Trim(), clean.ManglePreRouting.Trim());
            Assert.Equal(Empty.NatPostRouting.Trim(), clean.NatPostRouting.Trim());
            Assert.Equal(Empty.FilterForward.Trim(), clean.FilterForward.Trim());
            Assert.Equal(Empty.IpRules.Trim(), clean.IpRules.Trim());
        }

        [Fact]
        public void ASecondZoneGetsTheNextSlotAndTheSameZoneReplacesItsRelay()
        {
            var host = After(Empty, RelayPlanner.PlanStart("us-east-1b", "10.0.20.5", new[] { SubnetB }, "eth0", Empty)!);
            var second = RelayPlanner.PlanStart("us-east-1c", "10.0.30.5", new[] { SubnetB2 }, "eth0", host)!;
            Assert.Contains("ip rule add fwmark 0x200000/0xf00000 lookup 4841 pref 4841", second.Select(s => s.Describe()));
            var again = RelayPlanner.PlanStart("us-east-1b", "10.0.20.9", new[] { SubnetB }, "eth0", host)!;
            var after = After(host, again);
            Assert.Equal(new Dictionary<string, string> { ["us-east-1b"] = "10.0.20.9" }, RelayPlanner.Relays(after));
            Assert.Equal(new[] { 0 }, RelayPlanner.HeldIpRules(after.IpRules));
        }

        [Fact]
        public void UsersRulesAndMarksAreNeverTaken()
        {
            // A user's rule with a mark outside HaNat's bits, a user's ip rule at a preference in HaNat's range but another table.
            var user = Empty with
            {
                ManglePreRouting = Empty.ManglePreRouting + "-A PREROUTING -s 10.0.21.0/24 -m comment --comment mine -j MARK --set-xmark 0x1/0xff\n",
                IpRules = Empty.IpRules + "4840:\tfrom all fwmark 0x1/0xff lookup 100\n",
            };
            Assert.Empty(RelayPlanner.PlanEnd(null, user));
            Assert.Empty(RelayPlanner.Held(user));
            Assert.Empty(RelayPlanner.HeldIpRules(user.IpRules));
        }

        [Fact]
        public void EveryRuleBeforeTheRelayFromALeftoverIpRuleIsCleanedAtStart()
        {
            // A run that died between its ip rule and its iptables rules: the clean-up of everything finds the ip rule.
            var leftover = Empty with { IpRules = Empty.IpRules + "4843:\tfrom all fwmark 0x400000/0xf00000 lookup 4843\n" };
            Assert.Equal(new[] { "ip rule del pref 4843", "ip route flush table 4843", "conntrack -D -f ipv4 --mark 0x400000/0xf00000" },
                RelayPlanner.PlanEnd(null, leftover).Select(s => s.Describe()));
            // A new relay does not reuse its slot while it is there.
            Assert.Contains("ip rule add fwmark 0x100000/0xf00000 lookup 4840 pref 4840", RelayPlanner.PlanStart("z", "10.0.0.9", new[] { SubnetB }, "eth0", leftover)!.Select(s => s.Describe()));
        }

        [Fact]
        public void WhenEverySlotIsTakenNothingIsPlanned()
        {
            var host = Empty;
            for (var i = 0; i < RelayPlanner.MaxSlots; i++)
                host = After(host, RelayPlanner.PlanStart("zone" + i, "10.0.0." + (i + 10), new[] { SubnetB }, "eth0", host)!);
            Assert.Null(RelayPlanner.PlanStart("one-more", "10.0.0.99", new[] { SubnetB }, "eth0", host));
        }

        [Fact]
        public void ARouteOnTheLinkGivesItsDeviceAndOneThroughAGatewaySaysSo()
        {
            var onLink = RelayRoute.Parse("10.99.11.10 dev fab0 src 10.99.10.10 uid 0 \\    cache \n");
            Assert.Equal("fab0", onLink.Device);
            Assert.Null(onLink.Gateway);
            // Another zone's subnet in a VPC: the kernel goes through the subnet's router, which forwards by destination.
            var routed = RelayRoute.Parse("10.0.1.57 via 10.0.0.1 dev ens5 src 10.0.0.23 uid 0 \\    cache \n");
            Assert.Equal("ens5", routed.Device);
            Assert.Equal("10.0.0.1", routed.Gateway);
            Assert.Null(RelayRoute.Parse("").Device);
        }
    }
}
