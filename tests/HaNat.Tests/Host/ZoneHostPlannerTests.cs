using System.Collections.Generic;
using System.Linq;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class ZoneHostPlannerTests
    {
        private const string Masquerade = "-P POSTROUTING ACCEPT\n-A POSTROUTING -s 10.0.0.0/16 -o eth0 -m comment --comment hanat -j MASQUERADE\n";
        private static readonly Ipv4Cidr SubnetB = Ipv4Cidr.Parse("10.0.21.0/24");
        private static readonly Ipv4Cidr SubnetB2 = Ipv4Cidr.Parse("10.0.121.0/24");
        private static readonly IReadOnlyList<InterfaceAddress> Primary = new[] { new InterfaceAddress("eth0", "10.0.10.5", 24, "global") };

        private static string Snat(string zone, string cidr, string to) =>
            $"-A POSTROUTING -s {cidr} -o eth0 -m comment --comment hanat-zone-address:{zone} -j SNAT --to-source {to}\n";

        [Fact]
        public void HoldingAZoneAddsTheAddressThenOneSnatPerSubnetAtTheTop()
        {
            var steps = ZoneHostPlanner.PlanHold("us-east-1b", "10.0.10.77", new[] { SubnetB, SubnetB2 }, "eth0", Masquerade, Primary);
            Assert.Equal(new[] { ZoneHostStepKind.AddAddress, ZoneHostStepKind.InsertRule, ZoneHostStepKind.InsertRule }, steps.Select(s => s.Kind));
            Assert.Equal("ip addr add 10.0.10.77/32 dev eth0", steps[0].Describe());
            // Inserted last-first, each at the top: they end in the subnets' order, before the masquerade.
            Assert.Equal(new[] { "10.0.121.0/24", "10.0.21.0/24" }, steps.Skip(1).Select(s => s.Rule!.Source));
            var rule = steps[1].Rule!;
            Assert.Equal("SNAT", rule.Jump);
            Assert.Equal("eth0", rule.OutInterface);
            Assert.Equal("hanat-zone-address:us-east-1b", rule.Comment);
            Assert.False(rule.IsHaNat); // not one of the masquerade rules NatRulePlanner would remove as stale
            Assert.EndsWith("-j SNAT --to-source 10.0.10.77", rule.Describe());
        }

        [Fact]
        public void HoldingAgainChangesNothing()
        {
            var listing = Masquerade + Snat("us-east-1b", "10.0.21.0/24", "10.0.10.77");
            var addresses = Primary.Append(new InterfaceAddress("eth0", "10.0.10.77", 32, "global")).ToList();
            Assert.Empty(ZoneHostPlanner.PlanHold("us-east-1b", "10.0.10.77", new[] { SubnetB }, "eth0", listing, addresses));
        }

        [Fact]
        public void AZoneRuleToAnotherAddressIsReplaced()
        {
            var listing = Masquerade + Snat("us-east-1b", "10.0.21.0/24", "10.0.10.66");
            var steps = ZoneHostPlanner.PlanHold("us-east-1b", "10.0.10.77", new[] { SubnetB }, "eth0", listing, Primary);
            Assert.Equal(new[] { ZoneHostStepKind.AddAddress, ZoneHostStepKind.InsertRule, ZoneHostStepKind.DeleteRule }, steps.Select(s => s.Kind));
            Assert.Contains("--to-source 10.0.10.66", steps[2].Rule!.Describe());
        }

        [Fact]
        public void ReleasingRemovesTheZonesRulesFirstThenOnlyItsOwnSlash32()
        {
            var listing = Masquerade + Snat("us-east-1b", "10.0.21.0/24", "10.0.10.77") + Snat("us-east-1c", "10.0.22.0/24", "10.0.10.88");
            var addresses = Primary.Append(new InterfaceAddress("eth0", "10.0.10.77", 32, "global")).ToList();
            var steps = ZoneHostPlanner.PlanRelease("us-east-1b", "10.0.10.77", "eth0", listing, addresses);
            Assert.Equal(new[] { ZoneHostStepKind.DeleteRule, ZoneHostStepKind.DeleteAddress }, steps.Select(s => s.Kind));
            Assert.Equal("10.0.21.0/24", steps[0].Rule!.Source);
            // The same address with the subnet's prefix is someone else's (ec2-net-utils'): never removed.
            var theirs = Primary.Append(new InterfaceAddress("eth0", "10.0.10.77", 24, "global")).ToList();
            Assert.Equal(new[] { ZoneHostStepKind.DeleteRule }, ZoneHostPlanner.PlanRelease("us-east-1b", "10.0.10.77", "eth0", listing, theirs).Select(s => s.Kind));
        }

        [Fact]
        public void TheHeldRulesNameTheirZoneAndAddress()
        {
            var held = ZoneSnatRule.Parse(Masquerade + Snat("us-east-1b", "10.0.21.0/24", "10.0.10.77"));
            var only = Assert.Single(held);
            Assert.Equal("us-east-1b", only.Zone);
            Assert.Equal("10.0.10.77", only.Address);
        }

        [Fact]
        public void EachStepCarriedOutHasItsUndo()
        {
            var steps = ZoneHostPlanner.PlanHold("us-east-1b", "10.0.10.77", new[] { SubnetB }, "eth0", Masquerade, Primary);
            Assert.Equal(new[] { ZoneHostStepKind.DeleteAddress, ZoneHostStepKind.DeleteRule }, steps.Select(s => ZoneHostPlanner.Undo(s)!.Kind));
        }
    }
}
