using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Update;
using Xunit;

namespace HaNat.Tests.Update
{
    /// <summary>
    /// Update-HaNatVpc's planner: the new launch template version only when a setting changes, which zones are
    /// replaced (every NAT not on the target version, in zone order), the group's version and MaxSize, and each
    /// refusal of a deployment that is not steady.
    /// </summary>
    public class UpdatePlannerTests
    {
        private static readonly LaunchSettings Current = new LaunchSettings("ami-00000001", "t4g.nano", null);

        private static readonly string[] Zones = { "us-east-1a", "us-east-1b", "us-east-1c" };

        private static string Nat(string zone) => "i-" + zone.Substring(zone.Length - 1) + "000";

        private static string Table(string zone) => "rtb-" + zone.Substring(zone.Length - 1);

        /// <summary>A steady 3-zone deployment on template version 1 (latest 1), each zone's table on its own NAT.</summary>
        private static UpdateSnapshot Steady(
            Func<string, long?>? version = null, Func<string, string?>? route = null, IEnumerable<NatState>? nats = null,
            string? groupVersion = "1", int maxSize = 3, long defaultVersion = 1, long latestVersion = 1)
        {
            var zones = Zones.Select(z => new ZoneState(z, "subnet-" + z, new[] { new ServedTable(Table(z), route == null ? Nat(z) : route(z), route == null ? Nat(z) : route(z)) }));
            nats ??= Zones.Select(z => new NatState(Nat(z), z, "InService", "Healthy", version == null ? defaultVersion : version(z)));
            return new UpdateSnapshot("dev", "vpc-1", false,
                new TemplateState("lt-1", "dev-nat-lt", defaultVersion, latestVersion, Current),
                new GroupState("dev-nat-asg", groupVersion, 3, maxSize, 3), zones, nats);
        }

        private static HaNatException Refusal(UpdateSnapshot snapshot, LaunchSettings? desired = null) =>
            Assert.Throws<HaNatException>(() => UpdatePlanner.Plan(snapshot, desired ?? Current));

        [Fact]
        public void Nothing_differs_and_every_NAT_is_on_the_default_version_plans_nothing()
        {
            var plan = UpdatePlanner.Plan(Steady(), Current);
            Assert.True(plan.IsEmpty);
            Assert.False(plan.CreatesVersion);
            Assert.Empty(plan.Replacements);
            Assert.Empty(UpdatePlanner.Describe(plan));
        }

        [Fact]
        public void A_new_image_makes_the_next_version_and_replaces_every_zone_in_order()
        {
            var plan = UpdatePlanner.Plan(Steady(latestVersion: 4, defaultVersion: 3), new LaunchSettings("ami-00000002", "t4g.nano", null));
            Assert.True(plan.CreatesVersion);
            Assert.Equal(new[] { "image ami-00000001 -> ami-00000002" }, plan.Changes);
            Assert.Equal(5, plan.TargetVersion);
            Assert.Equal(Zones, plan.Replacements.Select(r => r.Zone));
            Assert.Equal(Zones.Select(Nat), plan.Replacements.Select(r => r.OldInstanceId));
            Assert.Equal(new[] { "rtb-a" }, plan.Replacements[0].TableIds);
            Assert.Equal("subnet-us-east-1a", plan.Replacements[0].SubnetId);
        }

        [Fact]
        public void Instance_type_and_key_pair_changes_are_named()
        {
            var plan = UpdatePlanner.Plan(Steady(), new LaunchSettings("ami-00000001", "t4g.micro", "ops"));
            Assert.Equal(new[] { "instance type t4g.nano -> t4g.micro", "key pair (none) -> ops" }, plan.Changes);
        }

        [Theory]
        [InlineData("1", true)]
        [InlineData("$Default", false)]
        [InlineData("$Latest", false)]
        public void The_group_is_moved_to_the_new_version_only_when_it_names_a_number(string groupVersion, bool updates)
        {
            var plan = UpdatePlanner.Plan(Steady(groupVersion: groupVersion), new LaunchSettings("ami-00000002", "t4g.nano", null));
            Assert.Equal(updates, plan.UpdatesGroupVersion);
            Assert.Equal(updates, UpdatePlanner.Describe(plan).Any(l => l.Action.StartsWith("Launch version 2", StringComparison.Ordinal)));
        }

        [Fact]
        public void A_second_run_resumes_with_the_NATs_not_on_the_default_version()
        {
            // A stopped rollout: version 2 is the default; zone a was replaced, b and c were not.
            var plan = UpdatePlanner.Plan(Steady(version: z => z == "us-east-1a" ? 2 : 1, defaultVersion: 2, latestVersion: 2), Current);
            Assert.False(plan.CreatesVersion);
            Assert.Equal(new[] { "us-east-1b", "us-east-1c" }, plan.Replacements.Select(r => r.Zone));
            Assert.Equal(2, plan.TargetVersion);
        }

        [Fact]
        public void A_NAT_whose_version_is_unknown_is_replaced()
        {
            var plan = UpdatePlanner.Plan(Steady(version: z => z == "us-east-1b" ? null : 1), Current);
            Assert.Equal(new[] { "us-east-1b" }, plan.Replacements.Select(r => r.Zone));
        }

        [Fact]
        public void MaxSize_is_raised_to_desired_plus_one_only_when_needed()
        {
            var newImage = new LaunchSettings("ami-00000002", "t4g.nano", null);
            Assert.Equal(4, UpdatePlanner.Plan(Steady(maxSize: 3), newImage).RaiseMaxSizeTo);
            Assert.Null(UpdatePlanner.Plan(Steady(maxSize: 4), newImage).RaiseMaxSizeTo);
            Assert.Null(UpdatePlanner.Plan(Steady(maxSize: 3), Current).RaiseMaxSizeTo);
        }

        [Fact]
        public void The_plan_says_the_version_change_then_each_zone_old_to_new_in_order()
        {
            var lines = UpdatePlanner.Describe(UpdatePlanner.Plan(Steady(), new LaunchSettings("ami-00000002", "t4g.nano", null)));
            Assert.StartsWith("Create version 2 from version 1 (image ami-00000001 -> ami-00000002)", lines[0].Action);
            var zones = lines.Where(l => l.Action.StartsWith("Replace NAT", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, zones.Count);
            Assert.StartsWith("us-east-1a (1 of 3)", zones[0].Target);
            Assert.Contains("Replace NAT i-a000 (version 1) with a new NAT of version 2 in subnet-us-east-1a", zones[0].Action);
            Assert.Contains("terminate i-a000", zones[0].Action);
            Assert.StartsWith("us-east-1c (3 of 3)", zones[2].Target);
        }

        [Fact]
        public void A_zone_with_no_NAT_is_refused()
        {
            var nats = Zones.Where(z => z != "us-east-1b").Select(z => new NatState(Nat(z), z, "InService", "Healthy", 1));
            var ex = Refusal(Steady(nats: nats));
            Assert.Equal(UpdatePlanner.ZoneNotSteady, ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidOperation, ex.Kind);
            Assert.Contains("us-east-1b", ex.Message);
            Assert.Contains("has no NAT", ex.Message);
        }

        [Fact]
        public void A_zone_with_two_NATs_is_refused()
        {
            var nats = Zones.Select(z => new NatState(Nat(z), z, "InService", "Healthy", 1)).Append(new NatState("i-a999", "us-east-1a", "Pending", "Healthy", 1));
            var ex = Refusal(Steady(nats: nats));
            Assert.Equal(UpdatePlanner.ZoneNotSteady, ex.ErrorId);
            Assert.Contains("2 NATs (i-a000, i-a999)", ex.Message);
        }

        [Fact]
        public void A_NAT_on_its_way_out_does_not_count()
        {
            var nats = Zones.Select(z => new NatState(Nat(z), z, "InService", "Healthy", 1)).Append(new NatState("i-a999", "us-east-1a", "Terminating", "Healthy", 1));
            Assert.True(UpdatePlanner.Plan(Steady(nats: nats), Current).IsEmpty);
        }

        [Theory]
        [InlineData("Pending", "Healthy")]
        [InlineData("InService", "Unhealthy")]
        [InlineData("Standby", "Healthy")]
        public void A_NAT_not_InService_and_Healthy_is_refused(string lifecycle, string health)
        {
            var nats = Zones.Select(z => new NatState(Nat(z), z, z == "us-east-1c" ? lifecycle : "InService", z == "us-east-1c" ? health : "Healthy", 1));
            var ex = Refusal(Steady(nats: nats));
            Assert.Equal(UpdatePlanner.ZoneNotSteady, ex.ErrorId);
            Assert.Contains("us-east-1c", ex.Message);
        }

        [Fact]
        public void A_zone_served_by_another_zones_NAT_is_refused_as_a_failover_in_progress()
        {
            var ex = Refusal(Steady(route: z => z == "us-east-1b" ? Nat("us-east-1a") : Nat(z)));
            Assert.Equal(UpdatePlanner.ZoneServedByPeer, ex.ErrorId);
            Assert.Contains("us-east-1b", ex.Message);
            Assert.Contains("i-a000", ex.Message);
            Assert.Contains("failover", ex.Message);
        }

        [Fact]
        public void A_table_not_yet_taken_by_its_NAT_is_refused()
        {
            var ex = Refusal(Steady(route: z => z == "us-east-1c" ? null : Nat(z)));
            Assert.Equal(UpdatePlanner.ZoneNotSteady, ex.ErrorId);
            Assert.Contains("rtb-c", ex.Message);
            Assert.Contains("no default route", ex.Message);
        }

        [Fact]
        public void A_deployment_without_its_template_or_group_is_refused()
        {
            var snapshot = new UpdateSnapshot("dev", "vpc-1", false, null, null, Array.Empty<ZoneState>(), Array.Empty<NatState>());
            var ex = Refusal(snapshot);
            Assert.Equal(UpdatePlanner.DeploymentIncomplete, ex.ErrorId);
            Assert.Contains("launch template", ex.Message);
        }

        [Fact]
        public void Refusals_come_before_the_question_of_whether_anything_changes()
        {
            // Even with nothing to change, a deployment mid-failover is named: the user learns why a run would not roll.
            var ex = Refusal(Steady(route: z => z == "us-east-1b" ? Nat("us-east-1a") : Nat(z)), Current);
            Assert.Equal(UpdatePlanner.ZoneServedByPeer, ex.ErrorId);
        }
    }
}
