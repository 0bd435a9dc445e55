using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using HaNat.CloudFormation;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Policies;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Topology
{
    public class CloudFormationTemplateTests
    {
        private static VpcLayout Layout(Action<VpcLayoutRequest>? change = null)
        {
            var request = new VpcLayoutRequest { Name = "prod", CidrBlock = "10.20", AvailabilityZones = TemplateZones.Placeholders(3) };
            change?.Invoke(request);
            return VpcLayoutPlanner.Plan(request);
        }

        private static JsonElement Render(VpcLayout layout, TemplateZones? zones = null) =>
            JsonDocument.Parse(CloudFormationTemplate.Render(layout, zones ?? TemplateZones.OfRegion)).RootElement;

        private static IEnumerable<(string Id, JsonElement Resource)> OfType(JsonElement template, string type) =>
            template.GetProperty("Resources").EnumerateObject()
                .Where(r => r.Value.GetProperty("Type").GetString() == type)
                .Select(r => (r.Name, r.Value));

        private static JsonElement Properties(JsonElement template, string type) => OfType(template, type).Single().Resource.GetProperty("Properties");

        [Fact]
        public void IsJsonWithTheOriginalsParameters()
        {
            var template = Render(Layout(r => r.ImageId = "ami-0123456789abcdef0"));

            Assert.Equal("2010-09-09", template.GetProperty("AWSTemplateFormatVersion").GetString());
            var parameters = template.GetProperty("Parameters");
            Assert.Equal(new[] { "Name", "VpcOctets", "KeyName", "ImageId", "InstanceType", "AlarmAction" }, parameters.EnumerateObject().Select(p => p.Name));
            Assert.Equal("prod", parameters.GetProperty("Name").GetProperty("Default").GetString());
            Assert.Equal("10.20", parameters.GetProperty("VpcOctets").GetProperty("Default").GetString());
            Assert.Equal("", parameters.GetProperty("KeyName").GetProperty("Default").GetString());
            Assert.Equal("AWS::EC2::Image::Id", parameters.GetProperty("ImageId").GetProperty("Type").GetString());
            Assert.Equal("ami-0123456789abcdef0", parameters.GetProperty("ImageId").GetProperty("Default").GetString());
            Assert.Equal("t4g.nano", parameters.GetProperty("InstanceType").GetProperty("Default").GetString());
        }

        [Theory]
        [InlineData("10.20", true)]
        [InlineData("10.255", true)]
        [InlineData("0.0", true)]
        [InlineData("10.300", false)]
        [InlineData("10", false)]
        [InlineData("10.20.0", false)]
        [InlineData("010.20", false)]
        public void TheOctetsPatternTakesWhatThePlannerTakes(string octets, bool allowed)
        {
            var pattern = Render(Layout()).GetProperty("Parameters").GetProperty("VpcOctets").GetProperty("AllowedPattern").GetString()!;
            Assert.Equal(allowed, System.Text.RegularExpressions.Regex.IsMatch(octets, pattern));
        }

        [Fact]
        public void ANonSlash16VpcTakesACidrOfThatSize()
        {
            var parameters = Render(Layout(r => r.CidrBlock = "192.168.7.0/24")).GetProperty("Parameters");
            Assert.False(parameters.TryGetProperty("VpcOctets", out _));
            var cidr = parameters.GetProperty("VpcCidr");
            Assert.Equal("192.168.7.0/24", cidr.GetProperty("Default").GetString());
            Assert.Matches(cidr.GetProperty("AllowedPattern").GetString()!, "10.1.2.0/24");
            Assert.DoesNotMatch(cidr.GetProperty("AllowedPattern").GetString()!, "10.1.0.0/16");
        }

        [Fact]
        public void HasExactlyOneAutoScalingGroupWithANatPerZone()
        {
            var template = Render(Layout());
            var (_, group) = Assert.Single(OfType(template, "AWS::AutoScaling::AutoScalingGroup"));
            var properties = group.GetProperty("Properties");

            Assert.Equal("3", properties.GetProperty("MinSize").GetString());
            Assert.Equal("3", properties.GetProperty("MaxSize").GetString());
            Assert.Equal("3", properties.GetProperty("DesiredCapacity").GetString());
            Assert.Equal(new[] { "PublicSubnet1", "PublicSubnet2", "PublicSubnet3" },
                properties.GetProperty("VPCZoneIdentifier").EnumerateArray().Select(s => s.GetProperty("Ref").GetString()));
            Assert.Equal(180, properties.GetProperty("HealthCheckGracePeriod").GetInt32());
            var tags = properties.GetProperty("Tags").EnumerateArray().ToList();
            Assert.True(tags.Single(t => t.GetProperty("Key").GetString() == HaNatTags.Managed).GetProperty("PropagateAtLaunch").GetBoolean());
        }

        [Fact]
        public void LaunchTemplateRequiresImdsV2AndEncryptsTheRoot()
        {
            var data = Properties(Render(Layout()), "AWS::EC2::LaunchTemplate").GetProperty("LaunchTemplateData");

            Assert.Equal("required", data.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
            Assert.Equal(1, data.GetProperty("MetadataOptions").GetProperty("HttpPutResponseHopLimit").GetInt32());
            var ebs = data.GetProperty("BlockDeviceMappings")[0].GetProperty("Ebs");
            Assert.True(ebs.GetProperty("Encrypted").GetBoolean());
            Assert.Equal("gp3", ebs.GetProperty("VolumeType").GetString());
            var userData = data.GetProperty("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub").GetString()!;
            Assert.Contains("Invoke-HaNatTakeover -VpcId '${Vpc}'", userData);
            Assert.Equal("HasKeyName", data.GetProperty("KeyName").GetProperty("Fn::If")[0].GetString());
        }

        [Fact]
        public void NoIngressFromAnywhereWithoutSshCidrAndHeartbeatsOnlyFromTheGroupItself()
        {
            var template = Render(Layout());
            var ingress = Properties(template, "AWS::EC2::SecurityGroup").GetProperty("SecurityGroupIngress").EnumerateArray().ToList();

            // Everything from the private half of the VPC, computed from the VPC's own block (it follows VpcOctets).
            var rule = Assert.Single(ingress);
            Assert.Equal("-1", rule.GetProperty("IpProtocol").GetString());
            var select = rule.GetProperty("CidrIp").GetProperty("Fn::Select");
            Assert.Equal(1, select[0].GetInt32());
            var cidr = select[1].GetProperty("Fn::Cidr");
            Assert.Equal("Vpc", cidr[0].GetProperty("Fn::GetAtt")[0].GetString());
            Assert.Equal((2, 15), (cidr[1].GetInt32(), cidr[2].GetInt32()));
            Assert.DoesNotContain("0.0.0.0/0", rule.GetRawText());

            // The heartbeat port and ICMP echo: separate ingress resources whose source is the group itself.
            var selfRules = template.GetProperty("Resources").EnumerateObject()
                .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::EC2::SecurityGroupIngress").Select(r => r.Value.GetProperty("Properties")).ToList();
            Assert.Equal(new[] { "udp 4747", "icmp 8" }, selfRules.Select(r => r.GetProperty("IpProtocol").GetString() + " " + r.GetProperty("FromPort").GetInt32()));
            Assert.All(selfRules, r =>
            {
                Assert.Equal("NatSecurityGroup", r.GetProperty("GroupId").GetProperty("Fn::GetAtt")[0].GetString());
                Assert.Equal("NatSecurityGroup", r.GetProperty("SourceSecurityGroupId").GetProperty("Fn::GetAtt")[0].GetString());
                Assert.False(r.TryGetProperty("CidrIp", out _));
            });
        }

        [Theory]
        [InlineData("203.0.113.0/24")]
        [InlineData("0.0.0.0/0")]
        public void SshOnlyFromTheGivenRange(string sshCidr)
        {
            var ingress = Properties(Render(Layout(r => r.SshCidr = sshCidr)), "AWS::EC2::SecurityGroup").GetProperty("SecurityGroupIngress").EnumerateArray().ToList();

            var ssh = ingress.Single(r => r.GetProperty("IpProtocol").GetString() == "tcp");
            Assert.Equal(22, ssh.GetProperty("FromPort").GetInt32());
            Assert.Equal(sshCidr, ssh.GetProperty("CidrIp").GetString());
            Assert.Equal(2, ingress.Count);
        }

        [Fact]
        public void SubnetsAreTheCarvingsSlotsOfOneFnCidr()
        {
            var layout = Layout(r => r.CidrBlock = "10.20.0.0/20");
            var resources = Render(layout).GetProperty("Resources");
            foreach (var zone in layout.Zones)
            {
                foreach (var (id, subnet) in new[] { ("PublicSubnet", zone.PublicSubnet), ("PrivateSubnet", zone.PrivateSubnet) })
                {
                    var select = resources.GetProperty(id + (zone.Index + 1)).GetProperty("Properties").GetProperty("CidrBlock").GetProperty("Fn::Select");
                    Assert.Equal(subnet.Slot, select[0].GetInt32());
                    var cidr = select[1].GetProperty("Fn::Cidr");
                    Assert.Equal(16, cidr[1].GetInt32());
                    Assert.Equal(32 - 24, cidr[2].GetInt32());
                }
            }
        }

        [Fact]
        public void ZonesComeFromTheRegionOrAsPlanned()
        {
            var subnet = Render(Layout()).GetProperty("Resources").GetProperty("PrivateSubnet2").GetProperty("Properties");
            Assert.Equal(1, subnet.GetProperty("AvailabilityZone").GetProperty("Fn::Select")[0].GetInt32());
            Assert.DoesNotContain("zone2", subnet.GetRawText());

            var pinned = Layout(r => r.AvailabilityZones = new[] { "eu-west-1a", "eu-west-1c" });
            var pinnedSubnet = Render(pinned, TemplateZones.AsPlanned).GetProperty("Resources").GetProperty("PrivateSubnet2").GetProperty("Properties");
            Assert.Equal("eu-west-1c", pinnedSubnet.GetProperty("AvailabilityZone").GetString());
            Assert.Contains("${Name}-private-eu-west-1c", pinnedSubnet.GetRawText());
        }

        [Fact]
        public void EveryTaggableResourceIsTaggedAsHaNats()
        {
            var resources = Render(Layout()).GetProperty("Resources").EnumerateObject().ToList();
            var tagged = resources.Where(r => r.Value.GetProperty("Properties").TryGetProperty("Tags", out _)).ToList();

            // VPC, gateway, public table, 4 per zone and 4 alarms per zone, security group, role, group; the launch
            // template tags itself and what it launches through TagSpecifications, and an instance profile takes no tags.
            Assert.Equal(3 + 4 * 3 + 4 * 3 + 3, tagged.Count);
            foreach (var resource in tagged)
            {
                var tags = resource.Value.GetProperty("Properties").GetProperty("Tags").EnumerateArray().ToList();
                Assert.Contains(tags, t => t.GetProperty("Key").GetString() == HaNatTags.Managed && t.GetProperty("Value").GetString() == "true");
                Assert.Contains(tags, t => t.GetProperty("Key").GetString() == HaNatTags.VpcName);
                // An alarm's name is its AlarmName; everything else is named by its Name tag.
                if (resource.Value.GetProperty("Type").GetString() == "AWS::CloudWatch::Alarm")
                    Assert.Contains("hanat-", resource.Value.GetProperty("Properties").GetProperty("AlarmName").GetRawText());
                else
                    Assert.Contains(tags, t => t.GetProperty("Key").GetString() == "Name");
            }
            Assert.Equal(3, resources.Count(r => r.Value.GetRawText().Contains("\"network\"")));
            var launchTemplate = resources.Single(r => r.Name == "NatLaunchTemplate").Value.GetProperty("Properties");
            Assert.Contains(HaNatTags.Managed, launchTemplate.GetProperty("TagSpecifications").GetRawText());
            var launched = launchTemplate.GetProperty("LaunchTemplateData").GetProperty("TagSpecifications").EnumerateArray().ToList();
            Assert.Equal(new[] { "instance", "volume", "network-interface" }, launched.Select(t => t.GetProperty("ResourceType").GetString()));
            Assert.All(launched, t => Assert.Contains(HaNatTags.Managed, t.GetRawText()));
        }

        [Fact]
        public void ElasticIpsAreTaggedForTheirZoneAndVpcAsTheTakeoverLooksThemUp()
        {
            var template = Render(Layout());
            foreach (var (_, address) in OfType(template, "AWS::EC2::EIP"))
            {
                var tags = address.GetProperty("Properties").GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value"));
                Assert.Equal("Vpc", tags[HaNatTags.VpcId].GetProperty("Ref").GetString());
                Assert.True(tags[HaNatTags.Zone].TryGetProperty("Fn::Select", out _));
            }
            Assert.Equal(3, OfType(template, "AWS::EC2::EIP").Count());
        }

        [Fact]
        public void TheRoleCarriesTheNatInstancePolicyWithPseudoParameters()
        {
            var role = Properties(Render(Layout()), "AWS::IAM::Role");
            Assert.Equal("/hanat/", role.GetProperty("Path").GetString());
            Assert.Equal("${Name}-nat-${AWS::Region}", role.GetProperty("RoleName").GetProperty("Fn::Sub").GetString());
            var policy = role.GetProperty("Policies")[0].GetProperty("PolicyDocument");
            Assert.Equal(IamPolicies.NatInstance.Statements.Count, policy.GetProperty("Statement").GetArrayLength());
            Assert.Contains("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:route-table/*", policy.GetRawText());
            Assert.DoesNotContain("${Partition}", policy.GetRawText());
        }

        [Fact]
        public void WithoutDefaultsTheNameAndRangeParametersHaveNoneAndThePlaceholdersAppearNowhere()
        {
            var layout = Layout(r => { r.Name = TemplateDefaults.PlaceholderName; r.CidrBlock = TemplateDefaults.PlaceholderCidr; });
            var text = CloudFormationTemplate.Render(layout, TemplateZones.OfRegion, new TemplateDefaults(name: false, cidr: false));
            var parameters = JsonDocument.Parse(text).RootElement.GetProperty("Parameters");

            Assert.False(parameters.GetProperty("Name").TryGetProperty("Default", out _));
            Assert.False(parameters.GetProperty("VpcOctets").TryGetProperty("Default", out _));
            Assert.DoesNotContain(TemplateDefaults.PlaceholderName, text);
            Assert.DoesNotContain("10.0.", text);
        }

        [Fact]
        public void TheDefaultsAreTheLayoutsWhenAsked()
        {
            var parameters = Render(Layout()).GetProperty("Parameters");

            Assert.Equal("prod", parameters.GetProperty("Name").GetProperty("Default").GetString());
            Assert.Equal("10.20", parameters.GetProperty("VpcOctets").GetProperty("Default").GetString());
        }

        [Fact]
        public void NamesTheHeartbeatKeyWhereNewHaNatVpcPutsIt()
        {
            var output = Render(Layout()).GetProperty("Outputs").GetProperty(CloudFormationTemplate.HeartbeatKeyOutput).GetProperty("Value");

            Assert.Equal(HaNat.NatDeployment.HeartbeatKey.ParameterName("${Name}"), output.GetProperty("Fn::Sub").GetString());
        }
    }
}
