using System;
using System.Linq;
using HaNat;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.NatDeployment
{
    /// <summary>A NAT deployment planned with no network layout: from a name, the VPC's ranges and zones, as for a VPC HaNat did not build.</summary>
    public class NatDeploymentPlannerTests
    {
        private static Ipv4Block Block(string cidr) => Ipv4Block.TryParse(cidr)!;

        private static NatDeploymentRequest Request(Action<NatDeploymentRequest>? change = null)
        {
            var request = new NatDeploymentRequest
            {
                Name = "legacy",
                Region = "us-east-1",
                // A primary and a secondary block, as a VPC built elsewhere may have.
                VpcCidrBlocks = new[] { Block("10.0.0.0/16"), Block("100.64.0.0/16") },
                ForwardedRanges = new[] { Block("10.0.128.0/17"), Block("100.64.0.0/16") },
                ForwardedRangesDescription = "the VPC's private subnets",
                AvailabilityZones = new[] { "us-east-1a", "us-east-1b" },
                Nat = { ImageId = "ami-0123456789abcdef0" },
            };
            change?.Invoke(request);
            return request;
        }

        private static NatDeploymentLayout Plan(Action<NatDeploymentRequest>? change = null) => NatDeploymentPlanner.Plan(Request(change));

        [Fact]
        public void PlannedFromTheRangesAndZonesAlone()
        {
            var layout = Plan();

            Assert.Equal(new[] { "legacy-eip-us-east-1a", "legacy-eip-us-east-1b" }, layout.Zones.Select(z => z.ElasticIp.Name));
            Assert.Equal(new[] { "us-east-1a", "us-east-1b" }, layout.Zones.Select(z => z.ElasticIp.Zone));
            Assert.Equal(2, layout.AutoScalingGroup.DesiredCapacity);
            Assert.Equal("legacy-nat-asg", layout.AutoScalingGroup.GroupName);
            Assert.Equal("legacy-nat-us-east-1", layout.NatRole.RoleName);
            Assert.Equal("/hanat/legacy/heartbeat-key", layout.HeartbeatKeyParameterName);
            Assert.Equal(new[] { "nat-security-group", "elastic-ip", "elastic-ip", "nat-role", "nat-instance-profile", "launch-template", "auto-scaling-group" },
                layout.ResourcesInBuildOrder().Select(r => r.Component.TagValue));
            Assert.All(layout.ResourcesInBuildOrder(), r => Assert.Contains(r.Tags, t => t.Key == HaNatTags.Managed && t.Value == HaNatTags.ManagedValue));
            Assert.Empty(layout.Warnings);
        }

        [Fact]
        public void EachForwardedRangeGetsItsOwnRuleBesideTheNatsOwn()
        {
            var ingress = Plan().NatSecurityGroup.Ingress;

            var forwarded = ingress.Where(r => r.IpProtocol == "-1").ToList();
            Assert.Equal(new[] { "10.0.128.0/17", "100.64.0.0/16" }, forwarded.Select(r => r.Cidr!.ToString()));
            Assert.All(forwarded, r => Assert.Equal("Everything from the VPC's private subnets: the traffic the NAT forwards", r.Description));
            var heartbeat = Assert.Single(ingress, r => r.IpProtocol == "udp");
            Assert.True(heartbeat.FromSameGroup);
            Assert.Equal(NatDeploymentLayout.HeartbeatPort, heartbeat.FromPort);
            Assert.DoesNotContain(ingress, r => r.IpProtocol == "tcp");
            Assert.Single(Plan(r => r.Nat.SshCidr = "203.0.113.7/32").NatSecurityGroup.Ingress, r => r.IpProtocol == "tcp" && r.Cidr!.ToString() == "203.0.113.7/32");
        }

        [Fact]
        public void TheUserDataNamesEveryBlockOfTheVpc()
        {
            var script = Plan().UserData("vpc-0abc");

            Assert.Contains("VPC legacy (10.0.0.0/16, 100.64.0.0/16)", script);
            Assert.Contains("-VpcId 'vpc-0abc'", script);
        }

        [Fact]
        public void APublicBlockOfTheVpcIsWarnedAbout()
        {
            var warning = Assert.Single(Plan(r => r.VpcCidrBlocks = new[] { Block("10.0.0.0/16"), Block("8.8.0.0/16") }).Warnings);

            Assert.StartsWith("8.8.0.0/16 is not a private range", warning);
        }

        [Fact]
        public void ItIsTheDeploymentANewVpcGets()
        {
            var vpc = VpcLayoutPlanner.Plan(new VpcLayoutRequest
            {
                Name = "legacy", CidrBlock = "10.0.0.0/16", AvailabilityZones = new[] { "us-east-1a", "us-east-1b" },
                Region = "us-east-1", ImageId = "ami-0123456789abcdef0", SshCidr = "0.0.0.0/0",
            });
            var alone = Plan(r =>
            {
                r.VpcCidrBlocks = new[] { vpc.Cidr };
                r.ForwardedRanges = new[] { SubnetCarving.PrivateHalf(vpc.Cidr) };
                r.ForwardedRangesDescription = "the private subnets' half of the VPC";
                r.Nat.SshCidr = "0.0.0.0/0";
            });

            string Describe(NatDeploymentLayout d) => string.Join("\n", d.ResourcesInBuildOrder().Select(r => r + " " + string.Join(",", r.Tags))
                .Concat(d.NatSecurityGroup.Ingress.Select(i => i + " " + i.Description)).Concat(d.Warnings).Append(d.UserData("vpc-1")));
            Assert.Equal(Describe(vpc.Deployment), Describe(alone));
        }

        [Theory]
        [InlineData("name", "InvalidName")]
        [InlineData("nozones", "NoZones")]
        [InlineData("duplicate", "DuplicateZone")]
        [InlineData("region", "InvalidRegion")]
        [InlineData("type", "InvalidInstanceType")]
        [InlineData("image", "InvalidImageId")]
        [InlineData("key", "InvalidKeyName")]
        [InlineData("ssh", "InvalidSshCidr")]
        [InlineData("device", "InvalidRootDeviceName")]
        [InlineData("grace", "InvalidHealthCheckGracePeriod")]
        public void RefusesBadInputsWithTheVpcPlannersErrorIds(string input, string errorId)
        {
            Action<NatDeploymentRequest> change = input switch
            {
                "name" => r => r.Name = "sg-nat",
                "nozones" => r => r.AvailabilityZones = Array.Empty<string>(),
                "duplicate" => r => r.AvailabilityZones = new[] { "us-east-1a", "us-east-1a" },
                "region" => r => r.Region = "us east",
                "type" => r => r.Nat.InstanceType = "nano",
                "image" => r => r.Nat.ImageId = "ami-xyz",
                "key" => r => r.Nat.KeyName = " ops",
                "ssh" => r => r.Nat.SshCidr = "203.0.113.7/24",
                "device" => r => r.Nat.RootDeviceName = "xvda",
                _ => r => r.Nat.HealthCheckGracePeriodSeconds = -1,
            };
            var ex = Assert.Throws<HaNatException>(() => Plan(change));

            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void RangesMustBeGiven()
        {
            Assert.Throws<ArgumentException>(() => Plan(r => r.VpcCidrBlocks = Array.Empty<Ipv4Block>()));
            Assert.Throws<ArgumentException>(() => Plan(r => r.ForwardedRanges = Array.Empty<Ipv4Block>()));
        }

        [Fact]
        public void TheArchitectureDecidesTheDefaultType()
        {
            Assert.Equal("t3.nano", Plan(r => r.Nat.Architecture = NatArchitecture.X86_64).LaunchTemplate.InstanceType);
        }
    
        [Fact]
        public void WithoutSpotTheGroupHasNoMixedInstancesPolicy()
        {
            var layout = Plan();

            Assert.Null(layout.AutoScalingGroup.Spot);
            Assert.Empty(layout.Warnings);
        }

        [Fact]
        public void SpotPlansAMixedGroupWithOneOnDemandNatAndTheTypesPeers()
        {
            var layout = Plan(r => r.Nat.Spot = true);

            var spot = Assert.IsType<SpotLayout>(layout.AutoScalingGroup.Spot);
            Assert.Equal(new[] { "t4g.nano", "t4g.micro", "t4g.small" }, spot.InstanceTypes);
            Assert.Equal(1, spot.OnDemandBaseCapacity);
            Assert.Equal(0, spot.OnDemandPercentageAboveBaseCapacity);
            Assert.Equal("price-capacity-optimized", spot.SpotAllocationStrategy);
            Assert.Equal("prioritized", spot.OnDemandAllocationStrategy);
            Assert.True(spot.CapacityRebalance);
            // The rest of the group is as without spot.
            Assert.Equal(2, layout.AutoScalingGroup.DesiredCapacity);
            Assert.Equal(2, layout.AutoScalingGroup.MaxSize);
            Assert.Empty(layout.Warnings);
        }

        [Fact]
        public void SpotInOneZoneIsAllSpotAndSaysThereIsNoFallback()
        {
            var layout = Plan(r => { r.Nat.Spot = true; r.AvailabilityZones = new[] { "us-east-1a" }; });

            Assert.Equal(0, layout.AutoScalingGroup.Spot!.OnDemandBaseCapacity);
            Assert.Contains(layout.Warnings, w => w.StartsWith("One zone on spot has no fallback", StringComparison.Ordinal));
        }

        [Fact]
        public void SpotWithATypeWithoutPeersUsesThatTypeAloneAndSaysSo()
        {
            var layout = Plan(r => { r.Nat.Spot = true; r.Nat.InstanceType = "x2gd.medium"; });

            Assert.Equal(new[] { "x2gd.medium" }, layout.AutoScalingGroup.Spot!.InstanceTypes);
            Assert.Contains(layout.Warnings, w => w.StartsWith("HaNat knows no peer types for x2gd.medium", StringComparison.Ordinal));
        }
    }
}
