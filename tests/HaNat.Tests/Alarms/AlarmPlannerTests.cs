using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HaNat.Alarms;
using HaNat.Aws;
using HaNat.Build;
using HaNat.Inventory;
using HaNat.Metrics;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Policies;
using HaNat.Removal;
using HaNat.Tagging;
using Xunit;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Alarms
{
    /// <summary>The alarms a deployment gets: names, metrics, thresholds, windows, dimensions, the action; their removal and their IAM.</summary>
    public class AlarmPlannerTests
    {
        private const string Topic = "arn:aws:sns:us-east-1:123456789012:hanat-alarms";

        private static NatDeploymentLayout Layout(Action<NatInputs>? change = null)
        {
            var request = new NatDeploymentRequest
            {
                Name = "prod",
                Region = "us-east-1",
                VpcCidrBlocks = new[] { Ipv4Block.TryParse("10.0.0.0/16")! },
                ForwardedRanges = new[] { Ipv4Block.TryParse("10.0.0.0/16")! },
                AvailabilityZones = new[] { "us-east-1a", "us-east-1b" },
                Nat = { ImageId = "ami-0123456789abcdef0" },
            };
            change?.Invoke(request.Nat);
            return NatDeploymentPlanner.Plan(request);
        }

        [Fact]
        public void EachZoneGetsFourAlarmsNamedForIamScope()
        {
            var alarms = Layout().Alarms;

            Assert.Equal(new[]
            {
                "hanat-prod-us-east-1a-served-by-peer", "hanat-prod-us-east-1a-unhealthy", "hanat-prod-us-east-1a-conntrack-full", "hanat-prod-us-east-1a-port-allocation-errors",
                "hanat-prod-us-east-1b-served-by-peer", "hanat-prod-us-east-1b-unhealthy", "hanat-prod-us-east-1b-conntrack-full", "hanat-prod-us-east-1b-port-allocation-errors",
            }, alarms.Select(a => a.Name));
            Assert.All(alarms, a => Assert.StartsWith(AlarmNames.PrefixOf("prod"), a.Name));
        }

        [Fact]
        public void EachAlarmWatchesItsZonesMetricInTheHaNatNamespace()
        {
            foreach (var alarm in Layout().Alarms)
            {
                Assert.Equal(HaNatMetrics.Namespace, alarm.Namespace);
                Assert.Equal(new[]
                {
                    new KeyValuePair<string, string>(HaNatMetrics.VpcNameDimension, "prod"),
                    new KeyValuePair<string, string>(HaNatMetrics.AvailabilityZoneDimension, alarm.Zone),
                }, alarm.Dimensions);
                Assert.Equal(alarm.Definition.EvaluationPeriods, alarm.Definition.DatapointsToAlarm);
            }
            Assert.Equal(60, AlarmDefinition.PeriodSeconds);
        }

        [Theory]
        [InlineData("served-by-peer", HaNatMetrics.ZoneServedByPeer, "Maximum", "GreaterThanOrEqualToThreshold", 1, 10, "breaching")]
        [InlineData("unhealthy", HaNatMetrics.Healthy, "Minimum", "LessThanThreshold", 1, 2, "notBreaching")]
        [InlineData("conntrack-full", HaNatMetrics.ConntrackUsedPercent, "Maximum", "GreaterThanOrEqualToThreshold", 90, 2, "notBreaching")]
        [InlineData("port-allocation-errors", HaNatMetrics.ErrorPortAllocation, "Sum", "GreaterThanThreshold", 0, 1, "notBreaching")]
        public void EachAlarmHasItsThresholdWindowAndMissingDataTreatment(string suffix, string metric, string statistic, string comparison,
            double threshold, int minutes, string missing)
        {
            var definition = AlarmDefinitions.All.Single(d => d.Suffix == suffix);

            Assert.Equal(metric, definition.MetricName);
            Assert.Equal(statistic, definition.Statistic);
            Assert.Equal(comparison, definition.ComparisonOperator);
            Assert.Equal(threshold, definition.Threshold);
            Assert.Equal(minutes, definition.EvaluationPeriods);
            Assert.Equal(missing, definition.TreatMissingData);
        }

        [Fact]
        public void TheActionIsTheTopicGivenAndNoneWithout()
        {
            Assert.All(Layout(n => n.AlarmAction = " " + Topic + " ").Alarms, a => Assert.Equal(new[] { Topic }, a.Actions));
            Assert.All(Layout().Alarms, a => Assert.Empty(a.Actions));
            Assert.Contains("notifies " + Topic, Layout(n => n.AlarmAction = Topic).Alarms[0].Summary);
        }

        [Fact]
        public void AlarmsAreTaggedAsHaNatsWithTheirZone()
        {
            var alarm = Layout().Alarms[5];
            var tags = alarm.Tags.ToDictionary(t => t.Key, t => t.Value);

            Assert.Equal(HaNatTags.ManagedValue, tags[HaNatTags.Managed]);
            Assert.Equal("prod", tags[HaNatTags.VpcName]);
            Assert.Equal("us-east-1b", tags[HaNatTags.Zone]);
            Assert.Equal("alarm", tags[HaNatTags.Component]);
            Assert.False(tags.ContainsKey("Name"));
        }

        [Fact]
        public void NoAlarmsMakesNone() => Assert.Empty(Layout(n => n.Alarms = false).Alarms);

        [Theory]
        [InlineData("arn:aws:sqs:us-east-1:123456789012:queue")]
        [InlineData("arn:aws:sns:us-east-1:1234:topic")]
        [InlineData("hanat-alarms")]
        [InlineData("arn:aws:sns:us-east-1:123456789012:topic.fifo")]
        [InlineData("arn:aws:sns:us-east-1:123456789012:topic:subscription-id")]
        public void ABadActionIsRefusedBeforeAnything(string action)
        {
            var ex = Assert.Throws<HaNatException>(() => Layout(n => n.AlarmAction = action));

            Assert.Equal("InvalidAlarmAction", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("SNS topic", ex.Message);
        }

        [Fact]
        public void AnActionWithNoAlarmsIsRefused()
        {
            var ex = Assert.Throws<HaNatException>(() => Layout(n => { n.AlarmAction = Topic; n.Alarms = false; }));

            Assert.Equal("InvalidAlarmAction", ex.ErrorId);
            Assert.Contains("-NoAlarms", ex.Message);
        }

        [Fact]
        public void ATopicOfAnotherRegionIsWarnedOf()
        {
            Assert.Contains(Layout(n => n.AlarmAction = "arn:aws:sns:eu-west-1:123456789012:t").Warnings, w => w.Contains("eu-west-1") && w.Contains("us-east-1"));
            Assert.DoesNotContain(Layout(n => n.AlarmAction = Topic).Warnings, w => w.Contains("SNS"));
            Assert.Equal(Topic, AlarmPlanner.CheckAlarmAction(Topic));
            Assert.Equal("arn:aws-cn:sns:cn-north-1:123456789012:a_b-c", AlarmPlanner.CheckAlarmAction("arn:aws-cn:sns:cn-north-1:123456789012:a_b-c"));
        }

        [Fact]
        public void TheBuildMakesTheAlarmsLastEachNamedInItsStep()
        {
            var context = new BuildContext(new AwsSession(null!, "us-east-1", null, new AwsCallLog(), CancellationToken.None), null!, null!, null!, null!);
            var build = new NatDeploymentBuild(Layout(n => n.AlarmAction = Topic), new NatDeploymentTarget(LateId.Known("vpc-0abc"),
                new[] { LateId.Known("subnet-0aaa"), LateId.Known("subnet-0bbb") }), context);

            var alarmSteps = build.Steps.SkipWhile(s => s.Action != "Create CloudWatch alarm").ToList();
            Assert.Equal(8, alarmSteps.Count);
            Assert.All(alarmSteps, s => Assert.Equal("Create CloudWatch alarm", s.Action));
            Assert.Equal("Create Auto Scaling group", build.Steps[build.Steps.Count - 9].Action);
            Assert.Equal("hanat-prod-us-east-1a-served-by-peer (ZoneServedByPeer Maximum >= 1 for 10 min; missing data breaching; notifies " + Topic + ")",
                alarmSteps[0].Target);
        }

        private static FoundResource Alarm(string name, string? vpcName, string? vpcId = VpcId)
        {
            var tags = new Dictionary<string, string>();
            if (vpcName != null)
            {
                tags[HaNatTags.Managed] = HaNatTags.ManagedValue;
                tags[HaNatTags.VpcName] = vpcName;
                if (vpcId != null) tags[HaNatTags.VpcId] = vpcId;
            }
            return new FoundResource(name, tags);
        }

        [Fact]
        public void RemovalDeletesOnlyTheAlarmsTaggedAsThisVpcsRightAfterTheGroup()
        {
            var inventory = Whole();
            inventory.Alarms.Add(Alarm("hanat-dev-us-east-1a-unhealthy", Name));
            inventory.Alarms.Add(Alarm("hanat-dev-us-east-1a-mine", null));
            inventory.Alarms.Add(Alarm("hanat-dev-eu-us-east-1a-unhealthy", "dev-eu", "vpc-0other"));
            inventory.Alarms.Add(Alarm("hanat-dev-us-east-1b-unhealthy", Name, "vpc-0other"));

            var plan = TeardownPlanner.Plan(inventory);

            var deleted = plan.Steps.Where(s => s.Action == TeardownAction.DeleteAlarm).ToList();
            Assert.Equal(new[] { "hanat-dev-us-east-1a-unhealthy" }, deleted.Select(s => s.Id));
            Assert.Equal(TeardownAction.DeleteAutoScalingGroup, plan.Steps[0].Action);
            Assert.Equal(TeardownAction.DeleteAlarm, plan.Steps[1].Action);
            Assert.Contains(plan.LeftAlone, l => l.Contains("hanat-dev-us-east-1a-mine"));
            Assert.Contains(plan.LeftAlone, l => l.Contains("hanat-dev-us-east-1b-unhealthy"));
            Assert.DoesNotContain(plan.LeftAlone, l => l.Contains("dev-eu"));
        }

        [Fact]
        public void AnAddedDeploymentsAlarmsGoToo()
        {
            var inventory = HaNat.Tests.Build.AddedInventoryFixture.Added();
            inventory.Alarms.Add(Alarm("hanat-" + inventory.Name + "-us-east-1a-unhealthy", inventory.Name, inventory.Vpc!.Id));

            var plan = TeardownPlanner.Plan(inventory);

            Assert.Contains(plan.Steps, s => s.Action == TeardownAction.DeleteAlarm && s.Id == "hanat-" + inventory.Name + "-us-east-1a-unhealthy");
        }

        [Fact]
        public void TheOperatorPolicyScopesTheAlarmCallsToHaNatsAlarms()
        {
            var json = OperatorPolicy.Document.ToJson(new ArnContext("aws", "us-east-1", "123456789012"));
            var root = System.Text.Json.JsonDocument.Parse(json).RootElement;
            var statements = root.GetProperty("Statement").EnumerateArray()
                .Where(s => s.GetProperty("Action").ToString().Contains("cloudwatch:PutMetricAlarm")).ToList();

            var alarms = Assert.Single(statements);
            Assert.False(alarms.TryGetProperty("Condition", out _));
            var resources = alarms.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Equal(new[] { "arn:aws:ssm:us-east-1:123456789012:parameter/hanat/*", "arn:*:cloudwatch:*:*:alarm:hanat-*" }, resources);
            foreach (var action in new[] { "cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource" })
                Assert.True(OperatorPolicy.Document.Allows(action), action);
            Assert.False(OperatorPolicy.Document.Allows("cloudwatch:SetAlarmState"));
        }
    }
}
