using System;
using System.Linq;
using HaNat;
using HaNat.Layout;
using HaNat.Model;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Topology
{
    public class VpcLayoutPlannerTests
    {
        private static readonly string[] ThreeZones = { "us-east-1a", "us-east-1b", "us-east-1c" };

        private static VpcLayoutRequest Request(Action<VpcLayoutRequest>? change = null)
        {
            var request = new VpcLayoutRequest
            {
                Name = "prod",
                CidrBlock = "10.20",
                AvailabilityZones = ThreeZones,
                Region = "us-east-1",
                ImageId = "ami-0123456789abcdef0",
            };
            change?.Invoke(request);
            return request;
        }

        private static VpcLayout Plan(Action<VpcLayoutRequest>? change = null) => VpcLayoutPlanner.Plan(Request(change));

        private static HaNatException Refused(Action<VpcLayoutRequest> change) =>
            Assert.Throws<HaNatException>(() => VpcLayoutPlanner.Plan(Request(change)));

        private static string? TagValue(ResourceLayout resource, string key) => resource.Tags.SingleOrDefault(t => t.Key == key)?.Value;

        [Fact]
        public void ThreeZonesFromTheOriginalsOctets()
        {
            var layout = Plan();

            Assert.Equal("10.20.0.0/16", layout.Cidr.ToString());
            Assert.Equal(20, layout.SubnetPrefixLength);
            Assert.Equal(ThreeZones, layout.Zones.Select(z => z.AvailabilityZone));
            Assert.Equal(new[] { "10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20" }, layout.Zones.Select(z => z.PublicSubnet.Cidr.ToString()));
            Assert.Equal(new[] { "10.20.128.0/20", "10.20.144.0/20", "10.20.160.0/20" }, layout.Zones.Select(z => z.PrivateSubnet.Cidr.ToString()));
            Assert.Equal(new[] { 0, 1, 2 }, layout.Zones.Select(z => z.PublicSubnet.Slot));
            Assert.Equal(new[] { 8, 9, 10 }, layout.Zones.Select(z => z.PrivateSubnet.Slot));
            Assert.Empty(layout.Warnings);
        }

        [Fact]
        public void EveryResourceIsTaggedAsHaNatsWithItsName()
        {
            var layout = Plan();
            var resources = layout.ResourcesInBuildOrder().ToList();

            Assert.Equal(8 + 4 * 3, resources.Count);
            foreach (var resource in resources)
            {
                Assert.Equal(HaNatTags.ManagedValue, TagValue(resource, HaNatTags.Managed));
                Assert.Equal("prod", TagValue(resource, HaNatTags.VpcName));
                Assert.Equal(resource.Component.TagValue, TagValue(resource, HaNatTags.Component));
                Assert.Equal(resource.Name, TagValue(resource, "Name"));
                Assert.StartsWith("prod-", resource.Name);
                Assert.Equal(resource.Zone, TagValue(resource, HaNatTags.Zone));
            }
            Assert.Equal(resources.Count, resources.Select(r => r.Name).Distinct().Count());
        }

        [Fact]
        public void NamesFollowNameRoleZone()
        {
            var layout = Plan();
            var zone = layout.Zones[1];

            Assert.Equal("prod-vpc", layout.Vpc.Name);
            Assert.Equal("prod-igw", layout.InternetGateway.Name);
            Assert.Equal("prod-public-rt", layout.PublicRouteTable.Name);
            Assert.Equal("prod-public-us-east-1b", zone.PublicSubnet.Name);
            Assert.Equal("prod-private-us-east-1b", zone.PrivateSubnet.Name);
            Assert.Equal("prod-private-rt-us-east-1b", zone.PrivateRouteTable.Name);
            Assert.Equal("prod-eip-us-east-1b", zone.ElasticIp.Name);
            Assert.Equal("prod-nat-sg", layout.NatSecurityGroup.GroupName);
            Assert.Equal("prod-nat-lt", layout.LaunchTemplate.TemplateName);
            Assert.Equal("prod-nat-asg", layout.AutoScalingGroup.GroupName);
            Assert.Equal("prod-nat-us-east-1", layout.NatRole.RoleName);
            Assert.Equal("prod-nat-us-east-1", layout.NatInstanceProfile.ProfileName);
            Assert.Equal("/hanat/", layout.NatRole.Path);
            Assert.Equal("/hanat/", layout.NatInstanceProfile.Path);
        }

        [Fact]
        public void WithoutARegionTheRoleIsNamedAfterTheVpcAlone()
        {
            var layout = Plan(r => r.Region = null);
            Assert.Null(layout.Region);
            Assert.Equal("prod-nat", layout.NatRole.RoleName);
        }

        [Fact]
        public void OnlyPrivateSubnetsCarryThePrivateTagThatTheTakeoverLooksFor()
        {
            var layout = Plan();
            var tag = PrivateSubnetTag.Parse(null);

            Assert.All(layout.Zones, z => Assert.Equal(tag.Value, TagValue(z.PrivateSubnet, tag.Key)));
            Assert.All(layout.Zones, z => Assert.Null(TagValue(z.PublicSubnet, tag.Key)));
            Assert.All(layout.Zones, z => Assert.True(z.PrivateSubnet.IsPrivate));
            Assert.Equal(LayoutComponents.PrivateRouteTable.TagValue, TagValue(layout.Zones[0].PrivateRouteTable, HaNatTags.Component));
        }

        [Fact]
        public void TheVpcIdTagIsAddedOnceTheVpcExists()
        {
            var eip = Plan().Zones[2].ElasticIp;
            var tags = eip.TagsWithVpcId("vpc-0abc");

            Assert.Null(TagValue(eip, HaNatTags.VpcId));
            Assert.Equal("vpc-0abc", tags.Single(t => t.Key == HaNatTags.VpcId).Value);
            Assert.Equal("us-east-1c", tags.Single(t => t.Key == HaNatTags.Zone).Value);
            Assert.Equal(eip.Tags.Count + 1, tags.Count);
        }

        [Fact]
        public void SecurityGroupTakesEverythingFromThePrivateHalfHeartbeatsAndEchoOnlyFromItselfAndNoSshByDefault()
        {
            var group = Plan().NatSecurityGroup;

            Assert.Equal(new[] { "all 10.20.128.0/17", "udp 4747 from the NATs' own group", "icmp type 8 from the NATs' own group" },
                group.Ingress.Select(r => r.ToString()));
            // The private half holds every private subnet, and no public one: the NATs' own subnets reach them only
            // through the self-referencing rules.
            var half = group.Ingress[0].Cidr!;
            var layout = Plan();
            Assert.All(layout.Zones, z => Assert.True(half.Contains(z.PrivateSubnet.Cidr), z.PrivateSubnet.Cidr.ToString()));
            Assert.All(layout.Zones, z => Assert.False(half.Overlaps(z.PublicSubnet.Cidr), z.PublicSubnet.Cidr.ToString()));
            Assert.Equal((-1, "icmp"), (group.Ingress[2].ToPort!.Value, group.Ingress[2].IpProtocol));
            Assert.DoesNotContain(group.Ingress, r => r.IpProtocol == "tcp");
            var egress = Assert.Single(group.Egress);
            Assert.Equal("-1", egress.IpProtocol);
            Assert.Equal("0.0.0.0/0", egress.Cidr!.ToString());
        }

        [Fact]
        public void SshOnlyFromTheGivenRange()
        {
            var layout = Plan(r => { r.SshCidr = "203.0.113.0/24"; r.KeyName = "ops"; });

            var ssh = layout.NatSecurityGroup.Ingress.Single(r => r.IpProtocol == "tcp");
            Assert.Equal(22, ssh.FromPort);
            Assert.Equal(22, ssh.ToPort);
            Assert.Equal("203.0.113.0/24", ssh.Cidr!.ToString());
            Assert.Empty(layout.Warnings);
            Assert.DoesNotContain(layout.NatSecurityGroup.Ingress, r => r.Cidr?.PrefixLength == 0);
        }

        [Fact]
        public void SshFromAnywhereIsAllowedWhenAskedButWarned()
        {
            var layout = Plan(r => { r.SshCidr = "0.0.0.0/0"; r.KeyName = "ops"; });

            Assert.Contains(layout.NatSecurityGroup.Ingress, r => r.IpProtocol == "tcp" && r.Cidr?.PrefixLength == 0);
            var warning = Assert.Single(layout.Warnings);
            Assert.Contains("whole internet", warning);
        }

        [Fact]
        public void AKeyWithoutSshIsWarned() =>
            Assert.Contains("-SshCidr", Assert.Single(Plan(r => r.KeyName = "ops").Warnings));

        [Fact]
        public void APublicRangeIsWarned() =>
            Assert.Contains("not a private range", Assert.Single(Plan(r => r.CidrBlock = "8.8.0.0/16").Warnings));

        [Theory]
        [InlineData(NatArchitecture.Arm64, "t4g.nano")]
        [InlineData(NatArchitecture.X86_64, "t3.nano")]
        public void DefaultInstanceTypeFitsTheArchitecture(NatArchitecture architecture, string expected)
        {
            var layout = Plan(r => r.Architecture = architecture);
            Assert.Equal(expected, layout.LaunchTemplate.InstanceType);
            Assert.Equal(architecture, layout.LaunchTemplate.Architecture);
            Assert.Empty(layout.Warnings);
        }

        [Theory]
        [InlineData("t3.micro", NatArchitecture.Arm64)]
        [InlineData("c7gn.large", NatArchitecture.X86_64)]
        public void AnInstanceTypeOfTheOtherArchitectureIsWarned(string type, NatArchitecture architecture)
        {
            var layout = Plan(r => { r.InstanceType = type; r.Architecture = architecture; });
            Assert.Equal(type, layout.LaunchTemplate.InstanceType);
            Assert.Contains("launch fails", Assert.Single(layout.Warnings));
        }

        [Fact]
        public void LaunchTemplateRequiresImdsV2AndEncryptsTheRoot()
        {
            var template = Plan(r => r.KeyName = "ops").LaunchTemplate;

            Assert.Equal("required", template.HttpTokens);
            Assert.Equal(1, template.HttpPutResponseHopLimit);
            Assert.Equal("enabled", template.HttpEndpoint);
            Assert.True(template.RootVolumeEncrypted);
            Assert.Equal("gp3", template.RootVolumeType);
            Assert.Equal("/dev/xvda", template.RootDeviceName);
            Assert.True(template.AssociatePublicIpAddress);
            Assert.Equal("ami-0123456789abcdef0", template.ImageId);
            Assert.Equal("ops", template.KeyName);
            Assert.Contains("network-interface", template.TaggedResourceTypes);
            Assert.Equal(HaNatTags.ManagedValue, TagValue(template.LaunchedResources, HaNatTags.Managed));
            Assert.Equal("prod-nat", template.LaunchedResources.Name);
        }

        [Fact]
        public void UserDataRunsTheTakeoverForThisVpc()
        {
            var layout = Plan();
            var script = layout.UserData("vpc-0abc");

            Assert.StartsWith("#!/bin/bash\n", script);
            Assert.Contains("pwsh ", script);
            Assert.Contains("Invoke-HaNatTakeover -VpcId 'vpc-0abc' -PrivateSubnetTag 'network=private'", script);
            Assert.Contains("VPC prod (10.20.0.0/16)", script);
            Assert.Contains("set -euo pipefail", script);
            Assert.DoesNotContain("${", script);
            Assert.NotEqual(script, Plan(r => r.Name = "dev").UserData("vpc-0abc"));
        }

        [Fact]
        public void OneGroupWithOneNatPerZoneAcrossThePublicSubnets()
        {
            var layout = Plan(r => r.HealthCheckGracePeriodSeconds = 240);
            var group = layout.AutoScalingGroup;

            Assert.Equal(3, group.MinSize);
            Assert.Equal(3, group.MaxSize);
            Assert.Equal(3, group.DesiredCapacity);
            Assert.Equal(layout.Zones.Select(z => z.PublicSubnet), layout.NatLaunchSubnets);
            Assert.Equal(240, group.HealthCheckGracePeriodSeconds);
            Assert.Equal("EC2", group.HealthCheckType);
        }

        [Fact]
        public void GroupPropagatesOwnershipButNotItsOwnName()
        {
            var tags = Plan().AutoScalingGroup.GroupTags("vpc-0abc");

            Assert.True(tags.Single(t => t.Key == HaNatTags.Managed).PropagateAtLaunch);
            Assert.True(tags.Single(t => t.Key == HaNatTags.VpcName).PropagateAtLaunch);
            Assert.True(tags.Single(t => t.Key == HaNatTags.VpcId).PropagateAtLaunch);
            Assert.False(tags.Single(t => t.Key == "Name").PropagateAtLaunch);
            Assert.False(tags.Single(t => t.Key == HaNatTags.Component).PropagateAtLaunch);
        }

        [Theory]
        [InlineData("10.20.0.0/16", 20)]
        [InlineData("10.20.0.0/18", 22)]
        [InlineData("10.20.0.0/20", 24)]
        [InlineData("10.20.0.0/22", 26)]
        [InlineData("10.20.0.0/24", 28)]
        public void EveryPrefixFromSixteenToTwentyFourTakesSixZones(string cidr, int subnetPrefix)
        {
            var layout = Plan(r =>
            {
                r.CidrBlock = cidr;
                r.AvailabilityZones = new[] { "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f" };
            });
            Assert.Equal(subnetPrefix, layout.SubnetPrefixLength);
            Assert.All(layout.Zones, z => Assert.Equal(subnetPrefix, z.PrivateSubnet.Cidr.PrefixLength));
            Assert.Equal(6, layout.AutoScalingGroup.DesiredCapacity);
        }

        [Theory]
        [InlineData("10.300", "InvalidCidr")]
        [InlineData("10", "InvalidCidr")]
        [InlineData("10.20.0.0/33", "InvalidCidr")]
        [InlineData("10.20.1.0/16", "InvalidCidr")]
        [InlineData("10.20.0.0/25", "CidrTooSmall")]
        [InlineData("10.0.0.0/12", "CidrTooLarge")]
        public void RefusesBadRanges(string cidr, string errorId) =>
            Assert.Equal(errorId, Refused(r => r.CidrBlock = cidr).ErrorId);

        [Fact]
        public void RefusesNoZones()
        {
            var ex = Refused(r => r.AvailabilityZones = Array.Empty<string>());
            Assert.Equal("NoZones", ex.ErrorId);
            Assert.Contains("one to six", ex.Message);
        }

        [Fact]
        public void RefusesSevenZones()
        {
            var ex = Refused(r => r.AvailabilityZones = Enumerable.Range(0, 7).Select(i => "us-east-1" + (char)('a' + i)).ToArray());
            Assert.Equal("TooManyZones", ex.ErrorId);
            Assert.Contains("at most 6", ex.Message);
        }

        [Fact]
        public void RefusesAZoneTwice()
        {
            var ex = Refused(r => r.AvailabilityZones = new[] { "us-east-1a", "us-east-1b", "us-east-1a" });
            Assert.Equal("DuplicateZone", ex.ErrorId);
            Assert.Equal("us-east-1a", ex.Target);
        }

        [Theory]
        [InlineData("US-EAST-1A")]
        [InlineData("us east 1a")]
        [InlineData("")]
        public void RefusesWhatIsNotAZoneName(string zone) =>
            Assert.Equal("InvalidZone", Refused(r => r.AvailabilityZones = new[] { zone }).ErrorId);

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("1prod")]
        [InlineData("prod-")]
        [InlineData("-prod")]
        [InlineData("prod_eu")]
        [InlineData("prod.eu")]
        [InlineData("prod eu")]
        [InlineData("prød")]
        [InlineData("sg")]
        [InlineData("sg-prod")]
        [InlineData("a23456789012345678901234567890123")]
        public void RefusesNamesSomeResourceCannotCarry(string name)
        {
            var ex = Refused(r => r.Name = name);
            Assert.Equal("InvalidName", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
        }

        [Theory]
        [InlineData("p")]
        [InlineData("Prod-EU-2")]
        [InlineData("a2345678901234567890123456789012")]
        public void TakesNamesEveryResourceCanCarry(string name)
        {
            var layout = Plan(r => { r.Name = name; r.Region = "ap-southeast-2"; });
            Assert.Equal(name, layout.Name);
            // The tightest limit: IAM role names are at most 64 characters of [\w+=,.@-].
            Assert.True(layout.NatRole.RoleName.Length <= 64, layout.NatRole.RoleName);
            Assert.Matches("^[\\w+=,.@-]+$", layout.NatRole.RoleName);
            Assert.True(layout.LaunchTemplate.TemplateName.Length <= 128);
        }

        [Theory]
        [InlineData(nameof(VpcLayoutRequest.Region), "us east", "InvalidRegion")]
        [InlineData(nameof(VpcLayoutRequest.InstanceType), "nano", "InvalidInstanceType")]
        [InlineData(nameof(VpcLayoutRequest.ImageId), "ami-xyz", "InvalidImageId")]
        [InlineData(nameof(VpcLayoutRequest.ImageId), "i-0123456789abcdef0", "InvalidImageId")]
        [InlineData(nameof(VpcLayoutRequest.KeyName), " ops", "InvalidKeyName")]
        [InlineData(nameof(VpcLayoutRequest.SshCidr), "203.0.113.7", "InvalidSshCidr")]
        [InlineData(nameof(VpcLayoutRequest.SshCidr), "203.0.113.7/24", "InvalidSshCidr")]
        [InlineData(nameof(VpcLayoutRequest.RootDeviceName), "xvda", "InvalidRootDeviceName")]
        public void RefusesOtherBadInputs(string property, string value, string errorId)
        {
            var ex = Refused(r => typeof(VpcLayoutRequest).GetProperty(property)!.SetValue(r, value));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(value, ex.Target);
        }

        [Fact]
        public void RefusesAGracePeriodOutOfRange() =>
            Assert.Equal("InvalidHealthCheckGracePeriod", Refused(r => r.HealthCheckGracePeriodSeconds = -1).ErrorId);

        [Fact]
        public void TheNameIsCheckedBeforeTheRange()
        {
            // Several bad inputs: the first in the documented order is reported.
            Assert.Equal("InvalidName", Refused(r => { r.Name = ""; r.CidrBlock = "10"; }).ErrorId);
        }
    }
}
