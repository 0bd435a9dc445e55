using System;
using System.Linq;
using HaNat.Policies;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Security
{
    public class NatInstancePolicyTests
    {
        private static readonly PolicyDocument Policy = IamPolicies.NatInstance;

        /// <summary>What the takeover (TakeoverExecutor, Ec2Reader) and the monitor call, as IAM actions.</summary>
        private static readonly string[] TakeoverCalls =
        {
            "ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeAddresses", "ec2:DescribeVpcs",
            "ec2:ModifyInstanceAttribute", "ec2:AssociateAddress", "ec2:CreateRoute", "ec2:ReplaceRoute",
            "ec2:CreateRouteTable", "ec2:CreateTags", "ec2:AssociateRouteTable", "ec2:DeleteRouteTable",
            "autoscaling:DescribeAutoScalingInstances", "autoscaling:SetInstanceHealth",
            "autoscaling:DescribeLifecycleHooks", "autoscaling:CompleteLifecycleAction",
            "ssm:GetParameter",
            // The monitor's zone address (ZoneAddressEc2): the failed zone's Elastic IP on a secondary IP of its own interface.
            "ec2:DescribeNetworkInterfaces", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
            // The monitor's metrics (MetricsPublisher), in the HaNat namespace.
            "cloudwatch:PutMetricData",
        };

        /// <summary>
        /// The one write IAM authorizes on "*" alone: PutMetricData has no resource type. Its statement is bounded by
        /// the namespace instead, which <see cref="MetricsArePublishedInTheHaNatNamespaceOnly"/> checks.
        /// </summary>
        private static bool IsPutMetricData(PolicyStatement s) => s.Actions.SequenceEqual(new[] { "cloudwatch:PutMetricData" });

        [Fact]
        public void AllowsExactlyTheTakeoversAndMonitorsCalls()
        {
            Assert.Equal(TakeoverCalls.OrderBy(a => a), Policy.Actions.OrderBy(a => a));
            Assert.All(TakeoverCalls, a => Assert.True(IamPolicies.NatInstanceAllows(a), a));
            Assert.Equal(NatInstancePolicy.AllActions.OrderBy(a => a), Policy.Actions.OrderBy(a => a));
        }

        [Theory]
        [InlineData("ec2:TerminateInstances")]
        [InlineData("ec2:DeleteRoute")]
        [InlineData("ec2:DisassociateAddress")]
        [InlineData("ec2:RunInstances")]
        [InlineData("ec2:ModifyNetworkInterfaceAttribute")]
        [InlineData("iam:PassRole")]
        [InlineData("autoscaling:TerminateInstanceInAutoScalingGroup")]
        [InlineData("ssm:PutParameter")]
        public void AllowsNothingElse(string action) => Assert.False(Policy.Allows(action), action);

        [Theory]
        [InlineData("ec2:AssignPrivateIpAddresses")]
        [InlineData("ec2:UnassignPrivateIpAddresses")]
        public void SecondaryIpsOnlyOnAHaNatInterfaceInTheNatsOwnVpc(string action)
        {
            foreach (var policy in new[] { Policy, Served })
            {
                var statement = Assert.Single(policy.StatementsAllowing(action));
                Assert.Equal("arn:aws:ec2:us-east-1:123456789012:network-interface/*", new ArnContext("aws", "us-east-1", "123456789012").Render(statement.Resources.Single()));
                var managed = Assert.Single(statement.Conditions, c => c.Key == "aws:ResourceTag/" + HaNatTags.Managed);
                Assert.Equal(new[] { "true" }, managed.Values);
                Assert.Single(statement.Conditions, c => c.Key == "ec2:Vpc");
                Assert.Equal(2, statement.Conditions.Count);
            }
        }

        [Fact]
        public void ActionNamesAreCaseInsensitiveAsInIam() => Assert.True(Policy.Allows("EC2:createroute"));

        [Fact]
        public void TheOriginalsWritesOnEveryResourceAreGone()
        {
            foreach (var statement in Policy.Statements.Where(s => !s.IsReadOnly && !IsPutMetricData(s)))
            {
                Assert.False(statement.AllowsAnyResource, statement.Sid);
                Assert.True(statement.Conditions.Count > 0 || statement.Resources.All(r => r.StartsWith("arn:")), statement.Sid);
            }
        }

        [Fact]
        public void ReadsAreOnlyDescribeCalls()
        {
            var onAnything = Policy.Statements.Where(s => s.AllowsAnyResource && !IsPutMetricData(s)).SelectMany(s => s.Actions);
            Assert.All(onAnything, a => Assert.Contains(":Describe", a));
        }

        [Fact]
        public void MetricsArePublishedInTheHaNatNamespaceOnly()
        {
            foreach (var policy in new[] { Policy, Served })
            {
                var statement = Assert.Single(policy.StatementsAllowing("cloudwatch:PutMetricData"));
                Assert.True(IsPutMetricData(statement));
                Assert.Equal(new[] { "*" }, statement.Resources);
                var condition = Assert.Single(statement.Conditions);
                Assert.Equal(("StringEquals", "cloudwatch:namespace"), (condition.Operator, condition.Key));
                Assert.Equal(new[] { "HaNat" }, condition.Values);
                Assert.False(policy.Allows("cloudwatch:PutMetricAlarm"));
                Assert.False(policy.Allows("cloudwatch:GetMetricData"));
            }
        }

        [Theory]
        [InlineData("ec2:ModifyInstanceAttribute", "instance/*")]
        [InlineData("ec2:AssociateAddress", "elastic-ip/*")]
        [InlineData("ec2:DeleteRouteTable", "route-table/*")]
        public void WritesNeedTheManagedTagOnTheResource(string action, string resource)
        {
            var statements = Policy.StatementsAllowing(action).ToList();
            Assert.NotEmpty(statements);
            Assert.All(statements, s =>
            {
                var condition = Assert.Single(s.Conditions);
                Assert.Equal("aws:ResourceTag/" + HaNatTags.Managed, condition.Key);
                Assert.Equal(new[] { "true" }, condition.Values);
            });
            Assert.Contains(statements.SelectMany(s => s.Resources), r => r.EndsWith(":" + resource, StringComparison.Ordinal));
        }

        /// <summary>
        /// The takeover writes the default route of every private subnet of its zone, in HaNat's tables and in tables
        /// of the VPC that HaNat did not make: a route table of the NAT's own VPC (aws:Ec2InstanceSourceVpc), or HaNat's.
        /// </summary>
        [Theory]
        [InlineData("ec2:CreateRoute")]
        [InlineData("ec2:ReplaceRoute")]
        public void RoutesOnlyInHaNatTablesOrTheNatsOwnVpc(string action)
        {
            var statements = Policy.StatementsAllowing(action).ToList();
            Assert.Equal(2, statements.Count);
            Assert.All(statements, s => Assert.Equal(new[] { "${Partition}:ec2:${Region}:${Account}:route-table/*" }, s.Resources.Select(r => r.Substring("arn:".Length))));
            Assert.Contains(statements, s => s.Conditions.Single().Key == "aws:ResourceTag/" + HaNatTags.Managed);
            var ownVpc = Assert.Single(statements, s => s.Conditions.Single().Key == "ec2:Vpc").Conditions.Single();
            Assert.Equal("StringLike", ownVpc.Operator);
            Assert.Equal("arn:aws:ec2:us-east-1:123456789012:vpc/${aws:Ec2InstanceSourceVpc}",
                new ArnContext("aws", "us-east-1", "123456789012").Render(ownVpc.Values.Single()));
        }

        [Fact]
        public void TheSubnetSideOfAnAssociationIsThePrivateSubnetTagOfTheDeployment()
        {
            static PolicyCondition SubnetCondition(PolicyDocument policy) =>
                policy.StatementsAllowing("ec2:AssociateRouteTable").Single(s => s.Resources.Single().EndsWith(":subnet/*")).Conditions.Single();

            Assert.Equal("aws:ResourceTag/network", SubnetCondition(Policy).Key);
            Assert.Equal(new[] { "private" }, SubnetCondition(Policy).Values);
            var custom = SubnetCondition(NatInstancePolicy.For(PrivateSubnetTag.Parse("tier=private")));
            Assert.Equal("aws:ResourceTag/tier", custom.Key);
            Assert.Equal(new[] { "private" }, custom.Values);
        }

        [Fact]
        public void ANewTableMustBeTaggedOnCreateAndOnlyInAHaNatVpc()
        {
            var create = Policy.StatementsAllowing("ec2:CreateRouteTable").ToList();
            Assert.Contains(create, s => s.Resources.Single().EndsWith("route-table/*") && s.Conditions.Single().Key == "aws:RequestTag/hanat:managed");
            Assert.Contains(create, s => s.Resources.Single().EndsWith("vpc/*") && s.Conditions.Single().Key == "aws:ResourceTag/hanat:managed");
            var tags = Assert.Single(Policy.StatementsAllowing("ec2:CreateTags"));
            var onCreate = Assert.Single(tags.Conditions);
            Assert.Equal("ec2:CreateAction", onCreate.Key);
            Assert.Equal(new[] { "CreateRouteTable" }, onCreate.Values);
        }

        // A deployment in a VPC HaNat did not build (Add-HaNatVpc): private-subnet tag hanat:served-by=N.

        private static readonly PolicyDocument Served = NatInstancePolicy.For(PrivateSubnetTag.Parse("hanat:served-by=prod"));

        [Fact]
        public void AServedDeploymentAllowsTheTakeoversCallsThereAndMakesNoTable()
        {
            var expected = TakeoverCalls.Where(a => a != "ec2:CreateRouteTable" && a != "ec2:CreateTags" && a != "ec2:AssociateRouteTable" && a != "ec2:DeleteRouteTable")
                .Append("ec2:DescribeNatGateways");
            Assert.Equal(expected.OrderBy(a => a), Served.Actions.OrderBy(a => a));
            Assert.Equal(NatInstancePolicy.AllServedActions.OrderBy(a => a), Served.Actions.OrderBy(a => a));
            Assert.False(Served.Allows("ec2:CreateRouteTable"));
            Assert.False(Served.Allows("ec2:DeleteRouteTable"));
        }

        [Theory]
        [InlineData("ec2:CreateRoute")]
        [InlineData("ec2:ReplaceRoute")]
        public void AServedDeploymentWritesRoutesOnlyInTheTablesItServesInItsOwnVpc(string action)
        {
            var statement = Assert.Single(Served.StatementsAllowing(action));
            Assert.Equal("arn:aws:ec2:us-east-1:123456789012:route-table/*", new ArnContext("aws", "us-east-1", "123456789012").Render(statement.Resources.Single()));
            var served = Assert.Single(statement.Conditions, c => c.Key == "aws:ResourceTag/" + HaNatTags.ServedBy);
            Assert.Equal("StringEquals", served.Operator);
            Assert.Equal(new[] { "prod" }, served.Values);
            // Both conditions hold at once (one statement): a served table of another VPC is out of reach too.
            Assert.Single(statement.Conditions, c => c.Key == "ec2:Vpc");
            Assert.Equal(2, statement.Conditions.Count);
            // Not every table of the VPC, nor any table HaNat made elsewhere.
            Assert.DoesNotContain(Served.Statements, s => s.Allows(action) && s.Conditions.Count == 1);
        }

        [Fact]
        public void AServedDeploymentAssociatesItsOwnAndItsAdoptedElasticIpsOnly()
        {
            var statements = Served.StatementsAllowing("ec2:AssociateAddress").ToList();
            Assert.Equal(2, statements.Count);
            // Instance and interface: HaNat's NATs only.
            Assert.All(statements.Where(s => s.Resources.Any(r => r.EndsWith(":instance/*", StringComparison.Ordinal))),
                s => Assert.Equal("aws:ResourceTag/" + HaNatTags.Managed, s.Conditions.Single().Key));
            // The address: HaNat's, or one the deployment adopted from a NAT gateway.
            var adopted = Assert.Single(statements, s => s.Conditions.Single().Key == "aws:ResourceTag/" + HaNatTags.ServedBy);
            Assert.Equal(new[] { "prod" }, adopted.Conditions.Single().Values);
            Assert.EndsWith(":elastic-ip/*", adopted.Resources.Single(), StringComparison.Ordinal);
        }

        [Fact]
        public void TheBuiltVpcsPolicyIsUnchangedByTheServedShape()
        {
            Assert.Equal(NatInstancePolicy.Document.Actions.OrderBy(a => a), NatInstancePolicy.For(PrivateSubnetTag.Parse("tier=private")).Actions.OrderBy(a => a));
            Assert.False(Policy.Allows("ec2:DescribeNatGateways"));
            Assert.Equal(2, Policy.StatementsAllowing("ec2:CreateRoute").Count());
        }

        [Fact]
        public void SetInstanceHealthOnlyOnHaNatGroups()
        {
            var statement = Assert.Single(Policy.StatementsAllowing("autoscaling:SetInstanceHealth"));
            Assert.Equal("autoscaling:ResourceTag/hanat:managed", statement.Conditions.Single().Key);
            Assert.Contains(":autoScalingGroup:", statement.Resources.Single());
        }

        [Fact]
        public void CompleteLifecycleActionOnlyOnHaNatGroupsInBothShapes()
        {
            foreach (var policy in new[] { Policy, NatInstancePolicy.For(PrivateSubnetTag.Parse("hanat:served-by=prod")) })
            {
                var statement = Assert.Single(policy.StatementsAllowing("autoscaling:CompleteLifecycleAction"));
                Assert.Equal("autoscaling:ResourceTag/hanat:managed", statement.Conditions.Single().Key);
                Assert.Contains(":autoScalingGroup:", statement.Resources.Single());
                Assert.True(policy.Allows("autoscaling:DescribeLifecycleHooks"));
            }
            Assert.False(Policy.Allows("autoscaling:PutLifecycleHook"));
            Assert.False(Policy.Allows("autoscaling:RecordLifecycleActionHeartbeat"));
        }

        [Fact]
        public void TheHeartbeatKeyIsReadOnlyUnderHaNatsPath()
        {
            var statement = Assert.Single(Policy.StatementsAllowing("ssm:GetParameter"));
            Assert.Equal("arn:aws:ssm:*:*:parameter/hanat/*", new ArnContext().Render(statement.Resources.Single()));
        }
    }
}
