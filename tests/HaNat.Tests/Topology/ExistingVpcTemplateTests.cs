using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using HaNat.CloudFormation;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Topology
{
    /// <summary>The shape of Export-HaNatTemplate -ExistingVpc's template: the NAT deployment alone, tied to the VPC by parameters.</summary>
    public class ExistingVpcTemplateTests
    {
        private static NatDeploymentLayout Deployment(int zones = 3, Action<NatInputs>? change = null)
        {
            var nat = new NatInputs();
            change?.Invoke(nat);
            var blocks = new[] { ExistingVpcTemplate.PlaceholderVpcCidr };
            return NatDeploymentPlanner.Plan(new NatDeploymentRequest
            {
                Name = "prod",
                AvailabilityZones = TemplateZones.Placeholders(zones),
                VpcCidrBlocks = blocks,
                ForwardedRanges = blocks,
                ServedBy = TemplateContext.NameVariable,
                Nat = nat,
            });
        }

        private static JsonElement Render(NatDeploymentLayout deployment, IReadOnlyList<string>? zoneDefaults = null) =>
            JsonDocument.Parse(ExistingVpcTemplate.Render(deployment, null, zoneDefaults)).RootElement;

        private static IEnumerable<(string Id, JsonElement Resource)> OfType(JsonElement template, string type) =>
            template.GetProperty("Resources").EnumerateObject()
                .Where(r => r.Value.GetProperty("Type").GetString() == type)
                .Select(r => (r.Name, r.Value));

        private static JsonElement Properties(JsonElement template, string type) => OfType(template, type).Single().Resource.GetProperty("Properties");

        private static string Ref(JsonElement node) => node.GetProperty("Ref").GetString()!;

        // A statement's Action is one string or a list of them.
        private static IEnumerable<string> Actions(JsonElement statement)
        {
            var action = statement.GetProperty("Action");
            return action.ValueKind == JsonValueKind.String ? new[] { action.GetString()! } : action.EnumerateArray().Select(a => a.GetString()!);
        }

        [Fact]
        public void HoldsTheDeploymentAndNothingOfANetwork()
        {
            var template = Render(Deployment());

            var types = template.GetProperty("Resources").EnumerateObject().Select(r => r.Value.GetProperty("Type").GetString()).ToList();
            Assert.DoesNotContain(types, t => t is "AWS::EC2::VPC" or "AWS::EC2::Subnet" or "AWS::EC2::RouteTable" or "AWS::EC2::Route"
                or "AWS::EC2::InternetGateway" or "AWS::EC2::VPCGatewayAttachment" or "AWS::EC2::SubnetRouteTableAssociation");
            Assert.Single(OfType(template, "AWS::AutoScaling::AutoScalingGroup"));
            Assert.Single(OfType(template, "AWS::EC2::SecurityGroup"));
            Assert.Single(OfType(template, "AWS::EC2::LaunchTemplate"));
            Assert.Single(OfType(template, "AWS::IAM::Role"));
            Assert.Single(OfType(template, "AWS::IAM::InstanceProfile"));
            Assert.Equal(3, OfType(template, "AWS::EC2::EIP").Count());
        }

        [Fact]
        public void TakesTheVpcItsBlocksAndPerZoneTheZoneThePublicSubnetAndThePrivateTables()
        {
            var parameters = Render(Deployment(zones: 2)).GetProperty("Parameters");

            Assert.Equal(new[]
            {
                "Name", "VpcId", "VpcCidrBlock1", "VpcCidrBlock2", "VpcCidrBlock3", "VpcCidrBlock4", "VpcCidrBlock5",
                "AvailabilityZone1", "PublicSubnet1", "PrivateRouteTables1", "AvailabilityZone2", "PublicSubnet2", "PrivateRouteTables2",
                "KeyName", "ImageId", "InstanceType", "AlarmAction",
            }, parameters.EnumerateObject().Select(p => p.Name));
            Assert.Equal("AWS::EC2::VPC::Id", parameters.GetProperty("VpcId").GetProperty("Type").GetString());
            Assert.Equal("AWS::EC2::Subnet::Id", parameters.GetProperty("PublicSubnet2").GetProperty("Type").GetString());
            Assert.Equal("CommaDelimitedList", parameters.GetProperty("PrivateRouteTables2").GetProperty("Type").GetString());
            Assert.Equal("AWS::EC2::AvailabilityZone::Name", parameters.GetProperty("AvailabilityZone1").GetProperty("Type").GetString());
            // The primary block is required; the others may stay empty.
            Assert.False(parameters.GetProperty("VpcCidrBlock1").TryGetProperty("Default", out _));
            Assert.Equal("", parameters.GetProperty("VpcCidrBlock5").GetProperty("Default").GetString());
            Assert.False(parameters.GetProperty("AvailabilityZone1").TryGetProperty("Default", out _));
        }

        [Fact]
        public void NamedZonesAreTheZoneParametersDefaults()
        {
            var parameters = Render(Deployment(zones: 2), new[] { "eu-west-1b", "eu-west-1c" }).GetProperty("Parameters");

            Assert.Equal("eu-west-1b", parameters.GetProperty("AvailabilityZone1").GetProperty("Default").GetString());
            Assert.Equal("eu-west-1c", parameters.GetProperty("AvailabilityZone2").GetProperty("Default").GetString());
        }

        [Fact]
        public void LaunchesEachZonesNatInItsPublicSubnetAndTagsEachAddressWithItsZoneAndTheVpc()
        {
            var template = Render(Deployment(zones: 2));

            var group = Properties(template, "AWS::AutoScaling::AutoScalingGroup");
            Assert.Equal(new[] { "PublicSubnet1", "PublicSubnet2" }, group.GetProperty("VPCZoneIdentifier").EnumerateArray().Select(Ref));
            Assert.Equal(new[] { "ElasticIp1", "ElasticIp2" }, template.GetProperty("Resources").GetProperty("NatAutoScalingGroup")
                .GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
            Assert.Equal("VpcId", Ref(Properties(template, "AWS::EC2::SecurityGroup").GetProperty("VpcId")));
            var address = template.GetProperty("Resources").GetProperty("ElasticIp2").GetProperty("Properties").GetProperty("Tags").EnumerateArray()
                .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value"));
            Assert.Equal("AvailabilityZone2", Ref(address[HaNatTags.Zone]));
            Assert.Equal("VpcId", Ref(address[HaNatTags.VpcId]));
        }

        [Fact]
        public void UserDataTakesOverTheSubnetsTaggedServedByTheName()
        {
            var data = Properties(Render(Deployment()), "AWS::EC2::LaunchTemplate").GetProperty("LaunchTemplateData");

            var script = data.GetProperty("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub").GetString()!;
            Assert.Contains("Invoke-HaNatTakeover -VpcId '${VpcId}' -PrivateSubnetTag 'hanat:served-by=${Name}'", script);
        }

        [Fact]
        public void TheNatsCarryTheServedTagTheirTakeoverAndMonitorReadWhenNoneIsGiven()
        {
            var data = Properties(Render(Deployment()), "AWS::EC2::LaunchTemplate").GetProperty("LaunchTemplateData");

            var instance = data.GetProperty("TagSpecifications").EnumerateArray().Single(s => s.GetProperty("ResourceType").GetString() == "instance");
            var served = instance.GetProperty("Tags").EnumerateArray().Single(tag => tag.GetProperty("Key").GetString() == "hanat:served-by");
            Assert.Equal("Name", served.GetProperty("Value").GetProperty("Ref").GetString());
        }

        [Fact]
        public void RoleWritesDefaultRoutesOnlyInTablesBothTaggedServedAndGiven()
        {
            var template = Render(Deployment(zones: 3));
            var role = Properties(template, "AWS::IAM::Role");
            var statements = role.GetProperty("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();

            var routes = statements.Where(s => Actions(s).Contains("ec2:CreateRoute")).ToList();
            var only = Assert.Single(routes);
            Assert.Equal(ExistingVpcTemplate.RouteStatementSid, only.GetProperty("Sid").GetString());
            var equals = only.GetProperty("Condition").GetProperty("StringEquals");
            Assert.Equal("Name", Ref(equals.GetProperty("aws:ResourceTag/" + HaNatTags.ServedBy)));
            var split = equals.GetProperty(ExistingVpcTemplate.RouteTableIdKey).GetProperty("Fn::Split");
            Assert.Equal(",", split[0].GetString());
            var joined = split[1].GetProperty("Fn::Join");
            Assert.Equal(new[] { "PrivateRouteTables1", "PrivateRouteTables2", "PrivateRouteTables3" },
                joined[1].EnumerateArray().Select(j => Ref(j.GetProperty("Fn::Join")[1])));
            Assert.True(only.GetProperty("Condition").GetProperty("StringLike").TryGetProperty("ec2:Vpc", out _), "and only in the NAT's own VPC");
            // The served policy makes no table and associates none: the user's VPC keeps its tables.
            var actions = statements.SelectMany(Actions).ToList();
            Assert.DoesNotContain("ec2:CreateRouteTable", actions);
            Assert.DoesNotContain("ec2:AssociateRouteTable", actions);
        }

        [Fact]
        public void LetsEverythingInFromTheFirstBlockAndFromEachOtherBlockGiven()
        {
            var template = Render(Deployment(change: n => n.SshCidr = "203.0.113.0/24"));

            var ingress = Properties(template, "AWS::EC2::SecurityGroup").GetProperty("SecurityGroupIngress").EnumerateArray().ToList();
            Assert.Equal("VpcCidrBlock1", Ref(ingress.Single(r => r.GetProperty("IpProtocol").GetString() == "-1").GetProperty("CidrIp")));
            Assert.Equal("203.0.113.0/24", ingress.Single(r => r.GetProperty("IpProtocol").GetString() == "tcp").GetProperty("CidrIp").GetString());
            var more = OfType(template, "AWS::EC2::SecurityGroupIngress").Where(r => r.Id.StartsWith("NatSecurityGroupFromVpcCidrBlock", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, more.Count);
            foreach (var (id, resource) in more)
            {
                var block = id.Substring("NatSecurityGroupFrom".Length);
                Assert.Equal("Has" + block, resource.GetProperty("Condition").GetString());
                Assert.Equal(block, Ref(resource.GetProperty("Properties").GetProperty("CidrIp")));
                Assert.Equal("-1", resource.GetProperty("Properties").GetProperty("IpProtocol").GetString());
            }
            Assert.True(template.GetProperty("Conditions").TryGetProperty("HasVpcCidrBlock5", out _));
        }

        [Fact]
        public void NamesAndTagsTheDeploymentAsTheTemplateThatBuildsTheVpcDoes()
        {
            var existing = Render(Deployment());
            var built = JsonDocument.Parse(CloudFormationTemplate.Render(
                HaNat.Layout.VpcLayoutPlanner.Plan(new HaNat.Layout.VpcLayoutRequest { Name = "prod", CidrBlock = "10.20", AvailabilityZones = TemplateZones.Placeholders(3) }),
                TemplateZones.OfRegion)).RootElement;

            foreach (var type in new[] { "AWS::IAM::Role", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::AutoScalingGroup" })
            {
                var mine = Properties(existing, type);
                var theirs = Properties(built, type);
                foreach (var name in new[] { "RoleName", "LaunchTemplateName", "AutoScalingGroupName" })
                {
                    if (theirs.TryGetProperty(name, out var expected)) Assert.Equal(expected.GetRawText(), mine.GetProperty(name).GetRawText());
                }
            }
            // The same tags, but hanat:vpc-id is the VpcId parameter rather than the template's VPC.
            Assert.Equal(
                Properties(built, "AWS::AutoScaling::AutoScalingGroup").GetProperty("Tags").GetRawText().Replace("\"Vpc\"", "\"VpcId\""),
                Properties(existing, "AWS::AutoScaling::AutoScalingGroup").GetProperty("Tags").GetRawText());
        }
    }
}
