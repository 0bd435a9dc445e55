using System.Collections.Generic;
using System.Linq;
using HaNat.Inventory;
using HaNat.Removal;
using HaNat.Tagging;
using Xunit;
using static HaNat.Tests.Build.AddedInventoryFixture;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    /// <summary>Remove-HaNatVpc's plan for a deployment Add-HaNatVpc put into someone's VPC.</summary>
    public class TeardownAddedPlannerTests
    {
        private static int IndexOf(TeardownPlan plan, TeardownAction action, string? id = null) =>
            plan.Steps.ToList().FindIndex(s => s.Action == action && (id == null || s.Id == id));

        private static TeardownStep[] RouteSteps(TeardownPlan plan) => plan.Steps
            .Where(s => s.Action == TeardownAction.ReplaceRoute || s.Action == TeardownAction.CreateRoute || s.Action == TeardownAction.DeleteRoute).ToArray();

        [Fact]
        public void ForeignResourcesAreTheNormalCaseAndNothingHaNatDidNotMakeIsDeleted()
        {
            var plan = TeardownPlanner.Plan(Added());

            Assert.True(plan.IsAdded);
            Assert.Empty(plan.Blockers);
            Assert.Empty(plan.Warnings);
            var never = new[] { TeardownAction.DeleteVpc, TeardownAction.DeleteSubnet, TeardownAction.DeleteInternetGateway, TeardownAction.DetachInternetGateway };
            Assert.DoesNotContain(plan.Steps, s => never.Contains(s.Action));
            Assert.Equal(new[] { "rtb-own" }, plan.Steps.Where(s => s.Action == TeardownAction.DeleteRouteTable).Select(s => s.Id));
            Assert.Equal(new[] { "sg-nat" }, plan.Steps.Where(s => s.Action == TeardownAction.DeleteSecurityGroup).Select(s => s.Id));
            // The deployment itself goes as in a VPC HaNat built.
            foreach (var action in new[] { TeardownAction.DeleteAutoScalingGroup, TeardownAction.DeleteLaunchTemplate, TeardownAction.DeleteInstanceProfile,
                TeardownAction.DeleteRole, TeardownAction.DeleteParameter, TeardownAction.ReleaseAddress })
            {
                Assert.Contains(plan.Steps, s => s.Action == action);
            }
        }

        [Fact]
        public void ABuiltVpcHoldingTheSameForeignResourcesIsStillRefused()
        {
            var inventory = Whole();
            inventory.Instances.Add(new FoundInstance("i-app", "running", null));

            Assert.False(inventory.IsAdded);
            Assert.Contains(TeardownPlanner.Plan(inventory).Blockers, b => b.Contains("i-app"));
        }

        [Fact]
        public void RoutesGoBackFirstThenHaNatsTablesThenTheNatsAndTagsComeOffLastTheVpcsLastOfAll()
        {
            var plan = TeardownPlanner.Plan(Added());

            var replace = Assert.Single(RouteSteps(plan));
            Assert.Equal(TeardownAction.ReplaceRoute, replace.Action);
            Assert.Equal("rtb-app-0", replace.Id);
            Assert.Equal("nat-a", replace.Other);
            Assert.Equal(0, IndexOf(plan, TeardownAction.ReplaceRoute));
            var disassociate = IndexOf(plan, TeardownAction.DisassociateRouteTable, "rtbassoc-own");
            Assert.InRange(disassociate, 1, IndexOf(plan, TeardownAction.DeleteRouteTable, "rtb-own") - 1);
            Assert.True(IndexOf(plan, TeardownAction.DeleteRouteTable, "rtb-own") < IndexOf(plan, TeardownAction.DeleteAutoScalingGroup));
            Assert.True(IndexOf(plan, TeardownAction.DeleteSecurityGroup) < IndexOf(plan, TeardownAction.DeleteTags));
            var firstTags = IndexOf(plan, TeardownAction.DeleteTags);
            Assert.All(plan.Steps.Skip(firstTags), s => Assert.Equal(TeardownAction.DeleteTags, s.Action));
            Assert.Equal(VpcId, plan.Steps[plan.Steps.Count - 1].Id);
            Assert.Contains("the VPC itself stays", plan.Steps[plan.Steps.Count - 1].Target);
        }

        [Fact]
        public void OnlyTheTagsHaNatAddedComeOffEachByKeyAndValue()
        {
            var plan = TeardownPlanner.Plan(Added());

            var tagged = plan.Steps.Where(s => s.Action == TeardownAction.DeleteTags).ToDictionary(s => s.Id, s => s.Tags);
            Assert.Equal(new[] { "rtb-app-0", "rtb-app-1", "subnet-app-0", "subnet-app-1", "subnet-main", VpcId }, tagged.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.Equal(new[]
            {
                new KeyValuePair<string, string>(HaNatTags.ServedBy, Name),
                new KeyValuePair<string, string>(HaNatTags.Zone, "us-east-1b"),
                new KeyValuePair<string, string>(HaNatTags.RestoreDefault, "nat-b"),
            }, tagged["rtb-app-1"]);
            Assert.Equal(new[] { new KeyValuePair<string, string>(HaNatTags.ServedBy, Name) }, tagged["subnet-app-0"]);
            Assert.Equal(new[] { new KeyValuePair<string, string>(HaNatTags.ServedBy, Name) }, tagged[VpcId]);
            Assert.DoesNotContain(plan.Steps, s => s.Id == "rtb-db" || s.Id == "rtb-main" || s.Id == "subnet-db-0" || s.Id == "sg-app" || s.Id == "i-app");
        }

        [Fact]
        public void ATableThatLostItsDefaultRouteGetsItBackWithCreateRoute()
        {
            // Both tables already go to their gateways: nothing to put back.
            Assert.Empty(RouteSteps(TeardownPlanner.Plan(Added(appA: ToGateway("nat-a")))));
            var inventory = Added(appA: ToGateway("nat-a"));
            AddedInventoryFixture.Replace(inventory, ServedTable("rtb-app-1", "us-east-1b", "nat-b", null, "subnet-app-1"));

            var step = Assert.Single(RouteSteps(TeardownPlanner.Plan(inventory)));
            Assert.Equal(TeardownAction.CreateRoute, step.Action);
            Assert.Equal(("rtb-app-1", "nat-b"), (step.Id, step.Other));
        }

        [Fact]
        public void AGoneNatGatewayLeavesNoDefaultRouteAndAWarningNamingTheTable()
        {
            // Deleted since: the route still names it (a blackhole on AWS, 'active' on moto), and the zone's NAT had taken zone a.
            var plan = TeardownPlanner.Plan(Added(natBState: "deleted"));

            var delete = RouteSteps(plan).Single(s => s.Id == "rtb-app-1");
            Assert.Equal(TeardownAction.DeleteRoute, delete.Action);
            var warning = Assert.Single(plan.Warnings);
            Assert.Contains("rtb-app-1", warning);
            Assert.Contains("no default route now: its NAT gateway nat-b is gone", warning);
            Assert.True(IndexOf(plan, TeardownAction.DeleteRoute) < IndexOf(plan, TeardownAction.DeleteAutoScalingGroup));
        }

        [Fact]
        public void AGoneGatewayBehindHaNatsNatOrABlackholeLosesTheRouteToo()
        {
            var inventory = Added(appB: ToNat("i-nat-b"), natBState: "failed");
            var taken = TeardownPlanner.Plan(inventory);
            Assert.Equal(TeardownAction.DeleteRoute, RouteSteps(taken).Single(s => s.Id == "rtb-app-1").Action);
            Assert.Single(taken.Warnings);

            var blackhole = TeardownPlanner.Plan(Added(appB: ToGateway("nat-old", blackhole: true), natBState: "deleted"));
            Assert.Equal(TeardownAction.DeleteRoute, RouteSteps(blackhole).Single(s => s.Id == "rtb-app-1").Action);
        }

        [Fact]
        public void ABlackholeGoesBackToTheRecordedGatewayWhenThatStillExists()
        {
            var plan = TeardownPlanner.Plan(Added(appB: new HaNat.Routing.DefaultRoute(HaNat.Routing.RouteTargetKind.Instance, "i-gone", "i-gone", null, true)));

            var step = RouteSteps(plan).Single(s => s.Id == "rtb-app-1");
            Assert.Equal((TeardownAction.ReplaceRoute, "nat-b"), (step.Action, step.Other));
        }

        [Fact]
        public void RecordedNoneTakesTheNatsRouteAwayWithoutAWarning()
        {
            var inventory = Added();
            AddedInventoryFixture.Replace(inventory, ServedTable("rtb-app-0", "us-east-1a", HaNatTags.NoDefaultRoute, ToNat("i-nat-a"), "subnet-app-0"));
            AddedInventoryFixture.Replace(inventory, ServedTable("rtb-app-1", "us-east-1b", HaNatTags.NoDefaultRoute, null, "subnet-app-1"));

            var plan = TeardownPlanner.Plan(inventory);

            var step = Assert.Single(RouteSteps(plan));
            Assert.Equal((TeardownAction.DeleteRoute, "rtb-app-0"), (step.Action, step.Id));
            Assert.Empty(plan.Warnings);
        }

        [Fact]
        public void ARouteSomeoneElsePointedElsewhereStays()
        {
            var transit = new HaNat.Routing.DefaultRoute(HaNat.Routing.RouteTargetKind.TransitGateway, "tgw-1", null, null, false);
            var kept = TeardownPlanner.Plan(Added(appA: transit));
            var gone = TeardownPlanner.Plan(Added(appB: transit, natBState: "deleted"));

            Assert.Empty(RouteSteps(kept));
            Assert.Contains(kept.LeftAlone, l => l.Contains("rtb-app-0") && l.Contains("tgw-1"));
            Assert.DoesNotContain(RouteSteps(gone), s => s.Id == "rtb-app-1");
            Assert.Contains(gone.LeftAlone, l => l.Contains("rtb-app-1"));
        }

        [Fact]
        public void ARemovalThatStoppedAfterTheDeploymentWentOnlyTakesTheTagsOff()
        {
            var inventory = Added(appA: ToGateway("nat-a"));
            inventory.Group = null;
            inventory.LaunchTemplate = null;
            inventory.Role = null;
            inventory.InstanceProfile = null;
            inventory.HeartbeatKeyParameter = null;
            inventory.Addresses.Clear();
            inventory.Instances.RemoveAll(i => i.Id.StartsWith("i-nat"));
            inventory.RouteTables.RemoveAll(t => t.Id == "rtb-own");
            inventory.SecurityGroups.RemoveAll(g => g.Id == "sg-nat");

            var plan = TeardownPlanner.Plan(inventory);

            Assert.All(plan.Steps, s => Assert.Equal(TeardownAction.DeleteTags, s.Action));
            Assert.Equal(6, plan.Steps.Count);
        }
    }
}
