using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Update;
using Xunit;

namespace HaNat.Tests.Update
{
    /// <summary>
    /// Update-HaNatVpc -Spot and -OnDemand in the planner: the group's purchase option switched, and which NATs the
    /// rollout replaces for it (every NAT of the wrong kind, except the one on-demand NAT a spot group keeps), each
    /// new NAT's kind, and nothing planned once the NATs fit.
    /// </summary>
    public class UpdatePlannerSpotTests
    {
        private static readonly LaunchSettings Current = new LaunchSettings("ami-00000001", "t4g.nano", null);

        private static readonly string[] Zones = { "us-east-1a", "us-east-1b", "us-east-1c" };

        private static string Nat(string zone) => "i-" + zone.Substring(zone.Length - 1) + "000";

        /// <summary>A steady 3-zone deployment on version 1, its group spot or not, each NAT spot as <paramref name="spotNat"/> says.</summary>
        private static UpdateSnapshot Steady(bool groupSpot, Func<string, bool> spotNat, string groupVersion = "1", int zoneCount = 3)
        {
            var zones = Zones.Take(zoneCount).ToArray();
            return new UpdateSnapshot("dev", "vpc-1", false,
                new TemplateState("lt-1", "dev-nat-lt", 1, 1, Current),
                new GroupState("dev-nat-asg", groupVersion, zoneCount, zoneCount, zoneCount, groupSpot),
                zones.Select(z => new ZoneState(z, "subnet-" + z, new[] { new ServedTable("rtb-" + z, Nat(z), Nat(z)) })),
                zones.Select(z => new NatState(Nat(z), z, "InService", "Healthy", 1, spotNat(z))));
        }

        [Fact]
        public void Spot_on_an_on_demand_group_switches_the_group_and_replaces_all_but_one_NAT_by_spot_ones()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: false, spotNat: _ => false), Current, spot: true);

            Assert.True(plan.SwitchesPurchase);
            Assert.True(plan.UpdatesGroupLaunch);
            Assert.False(plan.CreatesVersion);
            Assert.False(plan.IsEmpty);
            Assert.Equal(new[] { "t4g.nano", "t4g.micro", "t4g.small" }, plan.Spot!.InstanceTypes);
            Assert.Equal(1, plan.Spot.OnDemandBaseCapacity);
            // The first zone's on-demand NAT is the base and stays; the others become spot.
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, plan.Replacements.Select(r => r.Zone));
            Assert.All(plan.Replacements, r => Assert.True(r.LaunchesSpot));
            Assert.Equal("1", UpdatePlanner.GroupVersion(plan));
            var lines = UpdatePlanner.Describe(plan);
            Assert.Equal("Auto Scaling group dev-nat-asg", lines[0].Target);
            Assert.StartsWith("Run the NATs on spot: t4g.nano, t4g.micro, t4g.small; 1 on-demand", lines[0].Action, StringComparison.Ordinal);
            Assert.Contains("with a new spot NAT of version 1", lines[^1].Action, StringComparison.Ordinal);
        }

        [Fact]
        public void OnDemand_on_a_spot_group_switches_the_group_and_replaces_every_spot_NAT()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: true, spotNat: z => z != "us-east-1a"), Current, spot: false);

            Assert.True(plan.SwitchesPurchase);
            Assert.True(plan.UpdatesGroupLaunch);
            Assert.Null(plan.Spot);
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, plan.Replacements.Select(r => r.Zone));
            Assert.All(plan.Replacements, r => Assert.False(r.LaunchesSpot));
            var lines = UpdatePlanner.Describe(plan);
            Assert.StartsWith("Run every NAT on-demand", lines[0].Action, StringComparison.Ordinal);
            Assert.Contains("with a new on-demand NAT", lines[^1].Action, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(null)]
        public void A_spot_group_whose_NATs_fit_plans_nothing(bool? spot)
        {
            // One on-demand NAT (the base) and two spot ones: what the group itself keeps.
            var plan = UpdatePlanner.Plan(Steady(groupSpot: true, spotNat: z => z != "us-east-1b"), Current, spot);

            Assert.True(plan.IsEmpty);
            Assert.False(plan.SwitchesPurchase);
            Assert.Empty(UpdatePlanner.Describe(plan));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(null)]
        public void An_on_demand_group_of_on_demand_NATs_plans_nothing(bool? spot)
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: false, spotNat: _ => false), Current, spot);

            Assert.True(plan.IsEmpty);
            Assert.Null(plan.Spot);
        }

        [Fact]
        public void A_spot_group_with_every_NAT_on_demand_keeps_one_and_replaces_the_rest_even_without_Spot()
        {
            // A rollout that stopped half-way after the switch: a second run finishes it.
            var plan = UpdatePlanner.Plan(Steady(groupSpot: true, spotNat: _ => false), Current);

            Assert.False(plan.SwitchesPurchase);
            Assert.False(plan.UpdatesGroupLaunch);
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, plan.Replacements.Select(r => r.Zone));
            Assert.All(plan.Replacements, r => Assert.True(r.LaunchesSpot));
        }

        [Fact]
        public void A_new_version_on_a_spot_group_replaces_every_NAT_keeping_one_on_demand()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: true, spotNat: z => z != "us-east-1b"), new LaunchSettings("ami-00000002", "t4g.nano", null));

            Assert.Equal(Zones, plan.Replacements.Select(r => r.Zone));
            // The base is refilled first, in zone order: the first replacement is on-demand.
            Assert.Equal(new[] { false, true, true }, plan.Replacements.Select(r => r.LaunchesSpot));
            // The group names version 1 inside its policy: it is told version 2 there, not through a bare LaunchTemplate.
            Assert.True(plan.UpdatesGroupLaunch);
            Assert.Equal("2", UpdatePlanner.GroupVersion(plan));
            Assert.DoesNotContain(UpdatePlanner.Describe(plan), l => l.Action.StartsWith("Launch version", StringComparison.Ordinal));
        }

        [Fact]
        public void A_new_instance_type_on_a_spot_group_gives_the_policy_that_types_peers()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: true, spotNat: z => z != "us-east-1a", groupVersion: "$Default"),
                new LaunchSettings("ami-00000001", "t4g.small", null));

            Assert.True(plan.UpdatesGroupLaunch);
            Assert.Equal(new[] { "t4g.small", "t4g.medium", "t4g.large" }, plan.Spot!.InstanceTypes);
            Assert.Equal("$Default", UpdatePlanner.GroupVersion(plan));
        }

        [Fact]
        public void Spot_with_one_zone_makes_its_only_NAT_spot()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: false, spotNat: _ => false, zoneCount: 1), Current, spot: true);

            Assert.Equal(0, plan.Spot!.OnDemandBaseCapacity);
            Assert.True(Assert.Single(plan.Replacements).LaunchesSpot);
        }

        [Fact]
        public void An_image_change_on_an_on_demand_group_says_nothing_of_spot()
        {
            var plan = UpdatePlanner.Plan(Steady(groupSpot: false, spotNat: _ => false), new LaunchSettings("ami-00000002", "t4g.nano", null));

            Assert.False(plan.UpdatesGroupLaunch);
            Assert.All(plan.Replacements, r => Assert.False(r.LaunchesSpot));
            Assert.All(UpdatePlanner.Describe(plan), l => Assert.DoesNotContain("spot", l.Action, StringComparison.Ordinal));
            Assert.All(UpdatePlanner.Describe(plan), l => Assert.DoesNotContain("on-demand", l.Action, StringComparison.Ordinal));
        }
    }
}
