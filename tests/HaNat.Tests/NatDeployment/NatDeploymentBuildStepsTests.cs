using System;
using System.Linq;
using System.Threading;
using HaNat.Aws;
using HaNat.Build;
using HaNat.NatDeployment;
using HaNat.Network;
using Xunit;

namespace HaNat.Tests.NatDeployment
{
    /// <summary>The steps of a NAT deployment into a VPC known up front (one HaNat did not build), without running any.</summary>
    public class NatDeploymentBuildStepsTests
    {
        // Without alarms: these tests are about the NATs' own steps; AlarmPlannerTests has the alarms' steps.
        private static NatDeploymentLayout Layout(string? region = "us-east-1", bool spot = false) => NatDeploymentPlanner.Plan(new NatDeploymentRequest
        {
            Name = "legacy",
            Region = region,
            VpcCidrBlocks = new[] { Ipv4Block.TryParse("10.0.0.0/16")! },
            ForwardedRanges = new[] { Ipv4Block.TryParse("10.0.0.0/16")! },
            AvailabilityZones = new[] { "us-east-1a", "us-east-1b" },
            Nat = { ImageId = "ami-0123456789abcdef0", Spot = spot, Alarms = false },
        });

        private static NatDeploymentTarget Known(params string[] subnets) =>
            new NatDeploymentTarget(LateId.Known("vpc-0abc"), subnets.Select(s => LateId.Known(s)).ToList());

        private static BuildContext Context() =>
            new BuildContext(new AwsSession(null!, "us-east-1", null, new AwsCallLog(), CancellationToken.None), null!, null!, null!, null!);

        [Fact]
        public void OnlyTheDeploymentsWritesAcrossTheTargetsSubnets()
        {
            var context = Context();
            var build = new NatDeploymentBuild(Layout(), Known("subnet-0aaa", "subnet-0bbb"), context);

            Assert.Equal(new[]
            {
                "Create security group", "Allow inbound", "Allocate Elastic IP", "Allocate Elastic IP", "Create IAM role", "Put role policy",
                "Create instance profile", "Add role to instance profile", "Create SSM SecureString parameter", "Create launch template",
                "Create Auto Scaling group",
            }, build.Steps.Select(s => s.Action));
            Assert.Equal("legacy-nat-asg (min = max = desired = 2, across subnet-0aaa, subnet-0bbb)", build.Steps.Last().Target);
            Assert.Equal("legacy-eip-us-east-1b (us-east-1b)", build.Steps[3].Target);
            Assert.Equal(0, context.Journal.Count);
        }

        [Fact]
        public void ASpotGroupSaysSoInItsStep()
        {
            var build = new NatDeploymentBuild(Layout(spot: true), Known("subnet-0aaa", "subnet-0bbb"), Context());

            Assert.Equal("legacy-nat-asg (min = max = desired = 2, across subnet-0aaa, subnet-0bbb; " +
                "spot: t4g.nano, t4g.micro, t4g.small; 1 on-demand, price-capacity-optimized, capacity rebalance)", build.Steps.Last().Target);
            Assert.True(build.IsSpot);
        }

        [Fact]
        public void TheTargetNamesOneSubnetPerZone()
        {
            var ex = Assert.Throws<ArgumentException>(() => new NatDeploymentBuild(Layout(), Known("subnet-0aaa"), Context()));

            Assert.Contains("1 subnets for 2 zones", ex.Message);
        }

        [Fact]
        public void ALayoutWithoutRegionCannotBeBuilt()
        {
            Assert.Throws<ArgumentException>(() => new NatDeploymentBuild(Layout(region: null), Known("subnet-0aaa", "subnet-0bbb"), Context()));
        }

        [Fact]
        public void ALateIdIsReadWhenAStepNeedsItNotBefore()
        {
            string? made = null;
            var late = LateId.After("dev-public-us-east-1a", () => made);

            Assert.Equal("dev-public-us-east-1a", late.Label);
            Assert.Throws<InvalidOperationException>(() => late.Value);
            made = "subnet-0aaa";
            Assert.Equal("subnet-0aaa", late.Value);
            Assert.Equal("subnet-0bbb", LateId.Known("subnet-0bbb").Label);
        }
    }
}
