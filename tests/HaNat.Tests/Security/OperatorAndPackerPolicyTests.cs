using System;
using System.Linq;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Iam;
using HaNat.Policies;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Security
{
    public class OperatorAndPackerPolicyTests
    {
        [Theory]
        [InlineData("ec2:CreateVpc")]
        [InlineData("ec2:CreateSubnet")]
        [InlineData("ec2:AllocateAddress")]
        [InlineData("ec2:CreateLaunchTemplate")]
        [InlineData("autoscaling:CreateAutoScalingGroup")]
        [InlineData("iam:CreateRole")]
        [InlineData("iam:PassRole")]
        [InlineData("ec2:DeleteVpc")]
        [InlineData("autoscaling:DeleteAutoScalingGroup")]
        [InlineData("ec2:CreateVpcPeeringConnection")]
        [InlineData("ec2:AcceptVpcPeeringConnection")]
        [InlineData("ssm:PutParameter")]
        public void OperatorCanBuildPeerAndRemove(string action) => Assert.True(IamPolicies.Operator.Allows(action), action);

        [Theory]
        [InlineData("ec2:TerminateInstances")]
        [InlineData("iam:AttachRolePolicy")]
        [InlineData("iam:CreateUser")]
        [InlineData("ec2:CreateNatGateway")]
        public void OperatorCannotDoMore(string action) => Assert.False(IamPolicies.Operator.Allows(action), action);

        /// <summary>Add-HaNatVpc reads the NAT gateways of the VPC; so does a takeover in it from an operator's session.</summary>
        [Fact]
        public void OperatorReadsNatGateways() => Assert.True(IamPolicies.Operator.Allows("ec2:DescribeNatGateways"));

        [Fact]
        public void OperatorTagsWhatItDidNotMakeOnlyWithHaNatsServingKeys()
        {
            // hanat:vpc-id: on a NAT gateway's address that -DeleteNatGateway adopts, so the zone's NAT finds it.
            Assert.Equal(new[] { HaNatTags.ServedBy, HaNatTags.Zone, HaNatTags.RestoreDefault, HaNatTags.VpcId }, OperatorPolicy.ServingTagKeys);
            // Every CreateTags/DeleteTags on an existing resource: only those keys, and some key named (a DeleteTags that
            // names none removes every tag). Tag-on-create is the other CreateTags, only while a call creates.
            foreach (var action in new[] { "ec2:CreateTags", "ec2:DeleteTags" })
            {
                var onExisting = IamPolicies.Operator.StatementsAllowing(action).Where(s => !s.Conditions.Any(c => c.Key == "ec2:CreateAction")).ToList();
                var tagging = Assert.Single(onExisting);
                var keys = Assert.Single(tagging.Conditions, c => c.Key == "aws:TagKeys" && c.Operator == "ForAllValues:StringEquals");
                Assert.Equal(OperatorPolicy.ServingTagKeys, keys.Values);
                Assert.Contains(tagging.Conditions, c => c.Key == "aws:TagKeys" && c.Operator == "Null" && c.Values.Single() == "false");
                Assert.Equal(new[] { ":vpc/*", ":subnet/*", ":route-table/*", ":natgateway/*", ":elastic-ip/*" }, tagging.Resources.Select(r => r.Substring(r.LastIndexOf(':'))));
            }
            var onCreate = IamPolicies.Operator.StatementsAllowing("ec2:CreateTags").Single(s => s.Conditions.Any(c => c.Key == "ec2:CreateAction"));
            Assert.Equal("Null", onCreate.Conditions.Single().Operator);
            Assert.Equal("false", onCreate.Conditions.Single().Values.Single());
        }

        [Fact]
        public void OperatorWritesInAVpcItDidNotBuildOnlyWhatCarriesServedBy()
        {
            // The writes Add-HaNatVpc and a takeover from an operator's session make in the user's VPC, subnets and
            // tables: each statement that allows them without hanat:managed requires hanat:served-by on the resource.
            foreach (var sid in new[] { "InServedVpc", "ServedSubnets" })
            {
                var statement = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == sid);
                var served = Assert.Single(statement.Conditions);
                Assert.Equal(("Null", "aws:ResourceTag/" + HaNatTags.ServedBy, "false"), (served.Operator, served.Key, served.Values.Single()));
            }
            // No delete there but of a route (Remove-HaNatVpc's, when what the route went to before is gone) and of a
            // NAT gateway -DeleteNatGateway marked hanat:served-by; no association but of an address to a NAT that
            // carries it too (the adopted address); a served table's associations stay the user's: the subnet side only.
            var inVpc = IamPolicies.Operator.Statements.Single(s => s.Sid == "InServedVpc");
            Assert.DoesNotContain(inVpc.Actions, a => (a.Contains("Delete") && a != "ec2:DeleteRoute" && a != "ec2:DeleteNatGateway")
                || (a.Contains("Associate") && a != "ec2:AssociateAddress"));
            var subnets = IamPolicies.Operator.Statements.Single(s => s.Sid == "ServedSubnets");
            Assert.EndsWith(":subnet/*", subnets.Resources.Single());
        }

        /// <summary>
        /// The IAM and Auto Scaling calls of New-HaNatVpc and Remove-HaNatVpc, and the tagging calls AWS authorizes
        /// with them (CreateRole with tags is also iam:TagRole...). tests/iam proves each per resource against AWS's
        /// authorization data, from moto's recording; operations HaNat's clients have but never send are not allowed.
        /// </summary>
        [Theory]
        [InlineData("iam:GetRole")]
        [InlineData("iam:CreateRole")]
        [InlineData("iam:TagRole")]
        [InlineData("iam:PutRolePolicy")]
        [InlineData("iam:ListRolePolicies")]
        [InlineData("iam:DeleteRolePolicy")]
        [InlineData("iam:DeleteRole")]
        [InlineData("iam:GetInstanceProfile")]
        [InlineData("iam:CreateInstanceProfile")]
        [InlineData("iam:TagInstanceProfile")]
        [InlineData("iam:AddRoleToInstanceProfile")]
        [InlineData("iam:RemoveRoleFromInstanceProfile")]
        [InlineData("iam:DeleteInstanceProfile")]
        [InlineData("autoscaling:CreateAutoScalingGroup")]
        [InlineData("autoscaling:CreateOrUpdateTags")]
        [InlineData("autoscaling:DescribeAutoScalingGroups")]
        [InlineData("autoscaling:DeleteAutoScalingGroup")]
        [InlineData("autoscaling:UpdateAutoScalingGroup")]
        [InlineData("autoscaling:AttachInstances")]
        [InlineData("autoscaling:TerminateInstanceInAutoScalingGroup")]
        [InlineData("ec2:CreateLaunchTemplateVersion")]
        [InlineData("ec2:ModifyLaunchTemplate")]
        [InlineData("ec2:DescribeLaunchTemplateVersions")]
        public void OperatorAllowsTheIamAndAutoScalingCallsOfABuildAndARemoval(string action) =>
            Assert.True(IamPolicies.Operator.Allows(action), action);

        [Theory]
        [InlineData("iam:GetRolePolicy")]
        [InlineData("iam:ListRoleTags")]
        [InlineData("iam:ListInstanceProfilesForRole")]
        [InlineData("autoscaling:SetDesiredCapacity")]
        [InlineData("ec2:RevokeSecurityGroupIngress")]
        [InlineData("ec2:AuthorizeSecurityGroupEgress")]
        public void OperatorAllowsNoActionThatNoCodeCalls(string action) => Assert.False(IamPolicies.Operator.Allows(action), action);

        [Fact]
        public void OperatorReadsEveryDescribeItCallsAndNothingButReadsOnEveryResource()
        {
            var reads = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == "Reads");
            Assert.All(OperatorPolicy.ReadActions, a => Assert.True(IamPolicies.Operator.Allows(a), a));
            Assert.All(reads.Actions, a => Assert.True(IamAction.IsReadOnly(a), a));
        }

        [Fact]
        public void OperatorProbesTheNatRoleNameWithoutItsPathButOnlyReads()
        {
            // IAM evaluates GetRole on a name that does not exist yet as role/<name>, with no path.
            var probe = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == "NatRoleNameFree");
            Assert.Equal(new[] { "iam:GetRole", "iam:GetInstanceProfile" }, probe.Actions);
            Assert.Equal(new[] { "arn:aws:iam::123456789012:role/*-nat-*", "arn:aws:iam::123456789012:instance-profile/*-nat-*" },
                probe.Resources.Select(new ArnContext("aws", "*", "123456789012").Render));
        }

        [Fact]
        public void OperatorAcceptsAPeeringWhoseCopyIsUntaggedOnlyIntoAHaNatVpc()
        {
            var accepts = IamPolicies.Operator.StatementsAllowing("ec2:AcceptVpcPeeringConnection").ToList();
            // The connection itself: any (the accepter's copy of a cross-region one has no tags), and no VPC with it.
            Assert.Contains(accepts, s => s.Resources.Any(r => r.EndsWith(":vpc-peering-connection/*")) && s.Conditions.Count == 0);
            Assert.All(accepts.Where(s => s.Conditions.Count == 0).SelectMany(s => s.Resources),
                r => Assert.True(r.EndsWith(":vpc-peering-connection/*") || r.EndsWith(":security-group-rule/*"), r));
            // Every other resource it is authorized on, the accepter VPC among them, must be HaNat's.
            Assert.Contains(accepts, s => s.Conditions.Any(c => c.Key == "aws:ResourceTag/" + HaNatTags.Managed));
        }

        [Fact]
        public void OperatorAssociatesAManualTakeoversTableWithAPrivateSubnetOfTheDeploymentsTag()
        {
            var subnets = OperatorPolicy.For(PrivateSubnetTag.Parse("tier=private")).StatementsAllowing("ec2:AssociateRouteTable")
                .Where(s => s.Resources.Single().EndsWith(":subnet/*")).ToList();
            // A subnet of the deployment's tag, or one that Add-HaNatVpc serves (hanat:served-by, any deployment's).
            Assert.Equal(new[] { "aws:ResourceTag/tier", "aws:ResourceTag/" + HaNatTags.ServedBy }, subnets.Select(s => s.Conditions.Single().Key));
        }

        [Fact]
        public void OperatorMustTagWhatItCreates()
        {
            foreach (var action in OperatorPolicy.CreateActions.Append("ec2:CreateVpc").Append("autoscaling:CreateAutoScalingGroup"))
            {
                Assert.Contains(IamPolicies.Operator.StatementsAllowing(action),
                    s => s.Conditions.Any(c => c.Key == "aws:RequestTag/" + HaNatTags.Managed && c.Values.SequenceEqual(new[] { "true" })));
            }
        }

        [Fact]
        public void OperatorDeletesOnlyWhatHaNatTagged()
        {
            // DeleteTags deletes no resource: it takes HaNat's serving keys off (OperatorTagsWhatItDidNotMakeOnlyWithHaNatsServingKeys);
            // DeleteRoute deletes a route, also in a table HaNat serves (OperatorWritesInAVpcItDidNotBuildOnlyWhatCarriesServedBy).
            // DeleteNatGateway deletes only a gateway -DeleteNatGateway marked hanat:served-by (OperatorWritesInAVpcItDidNotBuildOnlyWhatCarriesServedBy).
            var deletes = IamPolicies.Operator.Actions.Where(a => (a.StartsWith("ec2:Delete") && a != "ec2:DeleteTags" && a != "ec2:DeleteRoute" && a != "ec2:DeleteNatGateway")
                || a == "ec2:ReleaseAddress").ToList();
            Assert.Contains("ec2:DeleteVpc", deletes);
            foreach (var action in deletes)
            {
                Assert.All(IamPolicies.Operator.StatementsAllowing(action),
                    s => Assert.Contains(s.Conditions, c => c.Key == "aws:ResourceTag/" + HaNatTags.Managed));
            }
        }

        [Fact]
        public void OperatorPassesOnlyHaNatRolesAndOnlyToEc2()
        {
            var pass = Assert.Single(IamPolicies.Operator.StatementsAllowing("iam:PassRole"));
            Assert.Equal("arn:aws:iam::*:role/hanat/*", new ArnContext().Render(pass.Resources.Single()));
            var condition = Assert.Single(pass.Conditions);
            Assert.Equal("iam:PassedToService", condition.Key);
            Assert.Equal("ec2.amazonaws.com", new ArnContext().Render(condition.Values.Single()));
        }

        [Fact]
        public void OperatorLaunchesSpotNatsOnlyFromAHaNatTemplateAndMayCreateOnlySpotsServiceRole()
        {
            var context = new ArnContext("aws", "*", "123456789012");
            // The spot request alone: the instance of the same RunInstances still needs a HaNat launch template.
            var spot = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == "LaunchSpot");
            Assert.Equal(new[] { "ec2:RunInstances" }, spot.Actions);
            Assert.Equal(new[] { "arn:aws:ec2:*:123456789012:spot-instances-request/*" }, spot.Resources.Select(context.Render));
            Assert.DoesNotContain(IamPolicies.Operator.StatementsAllowing("ec2:RunInstances").Where(s => s.Sid != "LaunchSpot"),
                s => s.Resources.Any(r => r.Contains("spot-instances-request")));
            var launch = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == "LaunchFromTemplate");
            Assert.Contains(launch.Conditions, c => c.Key == "ec2:LaunchTemplate");
            var role = Assert.Single(IamPolicies.Operator.Statements, s => s.Sid == "ServiceRoles");
            Assert.Equal(new[] { "iam:CreateServiceLinkedRole" }, role.Actions);
            Assert.Equal(new[] { "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
                "arn:aws:iam::123456789012:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot" }, role.Resources.Select(context.Render));
        }

        [Fact]
        public void OperatorIamIsConfinedToTheHaNatPath()
        {
            var iam = IamPolicies.Operator.Statements.Where(s => s.Actions.Any(a => a.StartsWith("iam:")));
            Assert.All(iam.SelectMany(s => s.Resources),
                r => Assert.Matches("^arn:\\$\\{Partition\\}:iam::\\$\\{Account\\}:(role/hanat/|instance-profile/hanat/|role/aws-service-role/autoscaling|role/aws-service-role/spot\\.amazonaws\\.com/AWSServiceRoleForEC2Spot$|role/\\*-nat-\\*$|instance-profile/\\*-nat-\\*$)", r));
            // Outside the path only the two reads of a name's probe.
            Assert.All(iam.Where(s => s.Resources.Any(r => r.Contains("*-nat-*"))), s => Assert.All(s.Actions, a => Assert.StartsWith("iam:Get", a)));
        }

        [Theory]
        [InlineData("ec2:RunInstances")]
        [InlineData("ec2:CreateImage")]
        [InlineData("ec2:TerminateInstances")]
        [InlineData("ec2:CreateKeyPair")]
        [InlineData("ec2:DeleteKeyPair")]
        [InlineData("ec2:CreateSecurityGroup")]
        [InlineData("ec2:AuthorizeSecurityGroupIngress")]
        [InlineData("ec2:DeleteSecurityGroup")]
        [InlineData("ec2:ModifyImageAttribute")]
        [InlineData("ec2:DeleteSnapshot")]
        [InlineData("ec2:DeleteVolume")]
        [InlineData("ec2:CreateTags")]
        [InlineData("ec2:DeregisterImage")]
        public void PackerCanBuildAnImage(string action) => Assert.True(IamPolicies.PackerBuilder.Allows(action), action);

        [Fact]
        public void PackerLaunchesOnlyATaggedInstanceAndStopsOnlyItsOwn()
        {
            var launch = IamPolicies.PackerBuilder.StatementsAllowing("ec2:RunInstances").Single(s => s.Resources.Any(r => r.EndsWith(":instance/*")));
            Assert.Equal("aws:RequestTag/" + HaNatTags.PackerBuild, launch.Conditions.Single().Key);
            var terminate = Assert.Single(IamPolicies.PackerBuilder.StatementsAllowing("ec2:TerminateInstances"));
            Assert.Equal("aws:ResourceTag/" + HaNatTags.PackerBuild, terminate.Conditions.Single().Key);
        }

        [Fact]
        public void PackerNamesSnapshotsAndImagesWithoutAnAccount()
        {
            var json = IamPolicies.PackerBuilder.ToJson(new ArnContext("aws", "us-east-1", "123456789012"));
            Assert.Contains("\"arn:aws:ec2:us-east-1::snapshot/*\"", json);
            Assert.Contains("\"arn:aws:ec2:us-east-1::image/*\"", json);
            Assert.DoesNotContain("123456789012:snapshot/", json);
        }

        [Fact]
        public void PackerTagsTheNetworkInterfaceRunInstancesMakes()
        {
            var tagOnCreate = IamPolicies.PackerBuilder.Statements.Single(s => s.Sid == "TagOnCreate");
            Assert.Contains(tagOnCreate.Resources, r => r.EndsWith(":network-interface/*"));
            Assert.Contains("RunInstances", tagOnCreate.Conditions.Single().Values);
        }

        [Theory]
        [InlineData("ec2:CopyImage")]
        [InlineData("ec2:CreateSnapshot")]
        [InlineData("ec2:AttachVolume")]
        [InlineData("ec2:ModifySnapshotAttribute")]
        public void PackerAllowsNothingThisBuildDoesNotDo(string action) => Assert.False(IamPolicies.PackerBuilder.Allows(action), action);

        [Fact]
        public void PackerKeyPairsOnlyByPackersPrefix()
        {
            var keys = Assert.Single(IamPolicies.PackerBuilder.StatementsAllowing("ec2:DeleteKeyPair"));
            Assert.EndsWith(":key-pair/packer_*", keys.Resources.Single());
        }
    }
}
