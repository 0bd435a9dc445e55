using System;
using System.Linq;
using System.Threading;
using HaNat.Aws;
using HaNat.Build;
using HaNat.Layout;
using Xunit;

namespace HaNat.Tests.Build
{
    /// <summary>The steps a build plans, without running any: what -WhatIf prints and the order the build writes in.</summary>
    public class VpcBuildStepsTests
    {
        private static VpcLayout Layout(params string[] zones) => VpcLayoutPlanner.Plan(new VpcLayoutRequest
        {
            Name = "dev",
            CidrBlock = "10.20",
            AvailabilityZones = zones,
            Region = "us-east-1",
            ImageId = "ami-0123456789abcdef0",
            // The network's and NATs' steps; AlarmPlannerTests has the alarms' steps, which come after these.
            Alarms = false,
        });

        private static VpcBuild Build(VpcLayout layout) =>
            new VpcBuild(layout, new AwsSession(null!, "us-east-1", null, new AwsCallLog(), CancellationToken.None), null!, null!, null!, null!);

        [Fact]
        public void OneStepPerWriteInDependencyOrder()
        {
            var steps = Build(Layout("us-east-1a", "us-east-1b", "us-east-1c")).Steps.Select(s => s.Action).ToList();

            Assert.Equal(6 + 3 * 5 + 2 + 3 + 4 + 1 + 1 + 1, steps.Count);
            Assert.Equal(new[] { "Create VPC", "Turn on DNS support and DNS hostnames", "Create internet gateway", "Attach internet gateway", "Create route table", "Create route" },
                steps.Take(6));
            Assert.Equal(new[] { "Create IAM role", "Put role policy", "Create instance profile", "Add role to instance profile",
                "Create SSM SecureString parameter", "Create launch template", "Create Auto Scaling group" }, steps.Skip(steps.Count - 7));
            Assert.Equal(6, steps.Count(s => s == "Create subnet"));
            Assert.Equal(3, steps.Count(s => s == "Allocate Elastic IP"));
            Assert.True(steps.IndexOf("Create security group") < steps.IndexOf("Create launch template"));
        }

        [Fact]
        public void EachZonesStepsNameItsResources()
        {
            var targets = Build(Layout("us-east-1b", "us-east-1a")).Steps.Select(s => s.Target).ToList();

            Assert.Contains("dev-public-us-east-1b (10.20.0.0/20, us-east-1b)", targets);
            Assert.Contains("dev-private-us-east-1a (10.20.144.0/20, us-east-1a, network=private)", targets);
            Assert.Contains("dev-eip-us-east-1a (us-east-1a)", targets);
            Assert.Contains("/hanat/dev/heartbeat-key (heartbeat key)", targets);
            Assert.Contains(targets, t => t.StartsWith("dev-nat-asg (min = max = desired = 2", StringComparison.Ordinal));
        }

        [Fact]
        public void NothingRunsUntilAStepIsRun()
        {
            var build = Build(Layout("us-east-1a"));

            Assert.Equal(0, build.Journal.Count);
            Assert.Throws<InvalidOperationException>(() => build.Result());
        }

        [Fact]
        public void ALayoutWithoutRegionOrImageCannotBeBuilt()
        {
            var noRegion = VpcLayoutPlanner.Plan(new VpcLayoutRequest { Name = "dev", CidrBlock = "10.20", AvailabilityZones = new[] { "us-east-1a" }, ImageId = "ami-0123456789abcdef0" });
            var noImage = VpcLayoutPlanner.Plan(new VpcLayoutRequest { Name = "dev", CidrBlock = "10.20", AvailabilityZones = new[] { "us-east-1a" }, Region = "us-east-1" });

            Assert.Throws<ArgumentException>(() => Build(noRegion));
            Assert.Throws<ArgumentException>(() => Build(noImage));
        }
    }
}
