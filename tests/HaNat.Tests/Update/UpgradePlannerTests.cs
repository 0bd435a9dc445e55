using System.Collections.Generic;
using System.Linq;
using HaNat;
using HaNat.Alarms;
using HaNat.Inventory;
using HaNat.NatDeployment;
using HaNat.Tagging;
using HaNat.Update;
using Xunit;

namespace HaNat.Tests.Update
{
    public class UpgradePlannerTests
    {
        private const string VpcId = "vpc-0123456789abcdef0";
        private static readonly string[] Zones = { "us-east-1a", "us-east-1b" };
        private static readonly NatRoleLayout Role = new NatRoleLayout("prod", "us-east-1");
        private static IReadOnlyList<AlarmLayout> Wanted => AlarmPlanner.Plan("prod", Zones, null);

        private static Dictionary<string, string> RoleTags(string? digest = null, bool noAlarms = false)
        {
            var tags = new Dictionary<string, string> { [HaNatTags.Managed] = "true", [HaNatTags.VpcName] = "prod" };
            if (digest != null) tags[HaNatTags.NatPolicy] = digest;
            if (noAlarms) tags[HaNatTags.Alarms] = HaNatTags.AlarmsNone;
            return tags;
        }

        private static FoundResource Ours(AlarmLayout alarm) => new FoundResource(alarm.Name, new Dictionary<string, string> { [HaNatTags.VpcId] = VpcId });

        [Fact]
        public void ADeploymentMadeBeforeTheMetricsGetsThePolicyAndEveryAlarm()
        {
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(), Wanted, noAlarms: false, new List<FoundResource>());
            Assert.True(plan.PutsPolicy);
            Assert.Null(plan.PreviousDigest);
            Assert.False(plan.RecordsNoAlarms);
            Assert.Equal(Wanted.Select(a => a.Name), plan.MissingAlarms.Select(a => a.Name));
            Assert.Equal(8, plan.MissingAlarms.Count);
            Assert.Contains("untagged", plan.DescribeRole().Single().Action);
            Assert.All(plan.DescribeAlarms(), d => Assert.StartsWith("CloudWatch alarm hanat-prod-us-east-1", d.Target));
        }

        [Fact]
        public void AnUpToDateDeploymentNeedsNothing()
        {
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(Role.PolicyDigest), Wanted, noAlarms: false, Wanted.Select(Ours).ToList());
            Assert.True(plan.IsEmpty);
            Assert.Empty(plan.DescribeRole());
            Assert.Empty(plan.DescribeAlarms());
        }

        [Fact]
        public void AnOlderPolicyDigestIsReplacedAndOnlyTheMissingAlarmsAreMade()
        {
            var found = Wanted.Take(3).Select(Ours).ToList();
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags("0000000000000000"), Wanted, noAlarms: false, found);
            Assert.True(plan.PutsPolicy);
            Assert.Equal("0000000000000000", plan.PreviousDigest);
            Assert.Equal(Wanted.Skip(3).Select(a => a.Name), plan.MissingAlarms.Select(a => a.Name));
        }

        [Fact]
        public void AnAlarmNameTakenByAnotherVpcsAlarmIsRefusedBeforeAnyChange()
        {
            var foreign = new FoundResource(Wanted[1].Name, new Dictionary<string, string> { [HaNatTags.VpcId] = "vpc-0ffffffffffffffff" });
            var untagged = new FoundResource(Wanted[2].Name, null);
            var ex = Assert.Throws<HaNatException>(() => UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(), Wanted, noAlarms: false, new List<FoundResource> { foreign, untagged }));
            Assert.Equal("AlarmNameInUse", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.ResourceExists, ex.Kind);
            Assert.Contains(Wanted[1].Name, ex.Message);
            Assert.Contains(Wanted[2].Name, ex.Message);
            Assert.Contains("-NoAlarms", ex.Message);
        }

        [Fact]
        public void NoAlarmsMakesNoneAndIsRecordedOnceOnTheRole()
        {
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(Role.PolicyDigest), Wanted, noAlarms: true, new List<FoundResource>());
            Assert.Empty(plan.MissingAlarms);
            Assert.True(plan.RecordsNoAlarms);
            Assert.False(plan.PutsPolicy);
            Assert.Contains(HaNatTags.Alarms + "=none", plan.DescribeRole().Single().Action);

            var again = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(Role.PolicyDigest, noAlarms: true), Wanted, noAlarms: true, new List<FoundResource>());
            Assert.True(again.IsEmpty);
        }

        [Fact]
        public void ADeploymentMadeWithNoAlarmsGetsNoneWithoutBeingAsked()
        {
            // Even an alarm name taken by someone else is no reason to refuse then: no alarm is made.
            var foreign = new FoundResource(Wanted[0].Name, null);
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, RoleTags(Role.PolicyDigest, noAlarms: true), Wanted, noAlarms: false, new List<FoundResource> { foreign });
            Assert.True(plan.IsEmpty);
        }

        [Fact]
        public void ADeploymentWithoutARoleChangesNoRole()
        {
            var plan = UpgradePlanner.Plan("prod", VpcId, Role, null, Wanted, noAlarms: true, new List<FoundResource>());
            Assert.False(plan.ChangesRole);
            Assert.True(plan.IsEmpty);
        }

        [Fact]
        public void ThePolicyDigestFollowsThePolicyText()
        {
            Assert.Matches("^[0-9a-f]{16}$", Role.PolicyDigest);
            Assert.Equal(Role.PolicyDigest, new NatRoleLayout("other", "eu-west-1").PolicyDigest);
            // An added deployment's NATs may write only the tables of subnets tagged as served by it: another policy,
            // whose digest is taken with the name as the export writes it, so that every added deployment (and a stack)
            // of one HaNat version has the same.
            var added = new NatRoleLayout("prod", "us-east-1", PrivateSubnetTag.ServedBy("prod"));
            Assert.NotEqual(Role.PolicyDigest, added.PolicyDigest);
            Assert.Equal(added.PolicyDigest, new NatRoleLayout("other", "us-east-1", PrivateSubnetTag.ServedBy("other")).PolicyDigest);
        }

        [Fact]
        public void TheRoleIsTaggedAtItsCreationWithTheDigestAndANoAlarmsChoice()
        {
            var tags = Role.CreationTags(VpcId, noAlarms: false).ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal(Role.PolicyDigest, tags[HaNatTags.NatPolicy]);
            Assert.Equal(VpcId, tags[HaNatTags.VpcId]);
            Assert.False(tags.ContainsKey(HaNatTags.Alarms));
            Assert.Equal(HaNatTags.AlarmsNone, Role.CreationTags(VpcId, noAlarms: true).Single(t => t.Key == HaNatTags.Alarms).Value);
        }
    }
}
