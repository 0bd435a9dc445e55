using System.Collections.Generic;
using System.Linq;
using HaNat.Model;
using HaNat.Monitor;
using HaNat.Routing;
using HaNat.Takeover;
using Xunit;

namespace HaNat.Tests.Monitor
{
    public class ZoneAddressPlannerTests
    {
        private const string Self = "i-aaaa";
        private const string ZoneA = "us-east-1a";
        private const string ZoneB = "us-east-1b";
        private static readonly OwnInterface Own = new OwnInterface("eni-a", "10.0.10.5", new[] { "10.0.10.77" });
        private static readonly OwnInterface Bare = new OwnInterface("eni-a", "10.0.10.5", new string[0]);
        private static readonly string[] CidrsB = { "10.0.21.0/24" };
        private static readonly IReadOnlyList<HostHold> NoHost = new HostHold[0];

        private static ZoneAddress Address(string zone, string allocation = "eipalloc-b", string? eni = null, string? ip = null) =>
            new ZoneAddress(allocation, "198.51.100.31", zone, eni, ip);

        private static Dictionary<string, string?> Routes(string? ownerOfB) => new Dictionary<string, string?> { [ZoneA] = Self, [ZoneB] = ownerOfB };

        [Fact]
        public void ATakeoverOfAZoneWithAnAddressGetsANewSecondaryIp()
        {
            var hold = ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB, eni: "eni-b", ip: "10.0.11.5") }, Bare, NoHost, CidrsB);
            Assert.NotNull(hold);
            Assert.Equal("eipalloc-b", hold!.AllocationId);
            Assert.Equal("eni-a", hold.InterfaceId);
            Assert.Null(hold.ReuseIp);
            Assert.False(hold.Associated);
            Assert.Equal(CidrsB, hold.SourceCidrs);
        }

        [Fact]
        public void NoAddressNoSubnetOrTheOwnZoneTakeNothing()
        {
            Assert.Null(ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address("us-east-1c") }, Own, NoHost, CidrsB));
            Assert.Null(ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB) }, Own, NoHost, new string[0]));
            Assert.Null(ZoneAddressPlanner.PlanHold(ZoneA, ZoneA, new[] { Address(ZoneA) }, Own, NoHost, CidrsB));
        }

        [Fact]
        public void ASecondaryIpAlreadyHeldForTheZoneIsReused()
        {
            // The address still on it (a takeover again after a restart): nothing to assign or associate.
            var onIt = ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB, eni: "eni-a", ip: "10.0.10.77") }, Own, NoHost, CidrsB);
            Assert.Equal("10.0.10.77", onIt!.ReuseIp);
            Assert.True(onIt.Associated);
            // Only the host rule names it: reused, and the address associated again.
            var byRule = ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB) }, Own, new[] { new HostHold(ZoneB, "10.0.10.77") }, CidrsB);
            Assert.Equal("10.0.10.77", byRule!.ReuseIp);
            Assert.False(byRule.Associated);
            // A secondary IP that neither names is the user's: a new one is assigned.
            Assert.Null(ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB) }, Own, NoHost, CidrsB)!.ReuseIp);
        }

        [Fact]
        public void OfSeveralAddressesOfAZoneTheLowestAllocationIdAsAtBoot()
        {
            var hold = ZoneAddressPlanner.PlanHold(ZoneB, ZoneA, new[] { Address(ZoneB, "eipalloc-z"), Address(ZoneB, "eipalloc-c") }, Bare, NoHost, CidrsB);
            Assert.Equal("eipalloc-c", hold!.AllocationId);
        }

        [Fact]
        public void AHeldAddressStaysWhileOnItsIpAndTheZoneRoutedHere()
        {
            var addresses = new[] { Address(ZoneB, eni: "eni-a", ip: "10.0.10.77") };
            var host = new[] { new HostHold(ZoneB, "10.0.10.77") };
            Assert.Empty(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, addresses, host, Routes(Self)));
        }

        [Fact]
        public void TheZonesOwnNatTookTheAddressBack_LetGo()
        {
            var addresses = new[] { Address(ZoneB, eni: "eni-b2", ip: "10.0.11.6") };
            var host = new[] { new HostHold(ZoneB, "10.0.10.77") };
            var release = Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, addresses, host, Routes(Self)));
            Assert.Equal(new ZoneAddressRelease(ZoneB, "10.0.10.77", ZoneAddressPlanner.AddressMoved, true), release);
        }

        [Fact]
        public void TheZonesRoutesWentElsewhere_LetGo()
        {
            var addresses = new[] { Address(ZoneB, eni: "eni-a", ip: "10.0.10.77") };
            var release = Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, addresses, NoHost, Routes("i-bbbb")));
            Assert.Equal(ZoneAddressPlanner.RoutesElsewhere, release.Reason);
            Assert.True(release.Unassign);
        }

        [Fact]
        public void RoutesBackOnTheZonesOwnNatWithoutTheAddress_TheAddressIsHandedToIt()
        {
            // A takeover of routes only put zone b back on its NAT: unassigning alone would leave b's address free.
            var addresses = new[] { Address(ZoneB, eni: "eni-a", ip: "10.0.10.77") };
            var nats = new Dictionary<string, string> { [Self] = ZoneA, ["i-bbbb"] = ZoneB, ["i-cccc"] = "us-east-1c" };
            var home = Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, addresses, NoHost, Routes("i-bbbb"), nats));
            Assert.Equal(("i-bbbb", "eipalloc-b"), (home.HandTo, home.AllocationId));
            // Routes on another zone's NAT (a manual takeover from elsewhere): its own address stays; nothing is handed.
            Assert.Null(Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, addresses, NoHost, Routes("i-cccc"), nats)).HandTo);
            // The address already moved: nothing to hand.
            var moved = new[] { Address(ZoneB, eni: "eni-b2", ip: "10.0.11.6") };
            Assert.Null(Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, moved, new[] { new HostHold(ZoneB, "10.0.10.77") }, Routes("i-bbbb"), nats)).HandTo);
        }

        [Fact]
        public void ALeftoverRuleWithoutASecondaryIpIsCleanedOnTheHostOnly()
        {
            var release = Assert.Single(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Bare, new ZoneAddress[0], new[] { new HostHold(ZoneB, "10.0.10.77") }, Routes("i-bbbb")));
            Assert.False(release.Unassign);
        }

        [Fact]
        public void ASecondaryIpHaNatDoesNotNameIsNeverLetGo()
        {
            // 10.0.10.77 is on the interface, but no zone rule and no zone address names it: the user's.
            Assert.Empty(ZoneAddressPlanner.PlanRelease(Self, ZoneA, Own, new[] { Address(ZoneB, eni: "eni-b", ip: "10.0.11.5") }, NoHost, Routes("i-bbbb")));
        }

        [Fact]
        public void TheAddressStepCoversTheSubnetsThePlanBringsHere()
        {
            var here = new PlannedSubnet(new SubnetInfo("subnet-1", ZoneB, "10.0.21.0/24"), "rtb-1", TakeoverAction.Replaced, "i-bbbb", null);
            var gateway = new PlannedSubnet(new SubnetInfo("subnet-2", ZoneB, "10.0.121.0/24"), "rtb-2", TakeoverAction.NatGatewayFallback, "i-bbbb", null, "nat-1");
            var plan = new TakeoverPlan(Self, "vpc-1", ZoneB, false, null, new RouteTableWrite[0], new[] { here, gateway });
            Assert.Equal(new[] { "10.0.21.0/24" }, ZoneAddressObserver.ServedHere(plan));
        }
    }
}
