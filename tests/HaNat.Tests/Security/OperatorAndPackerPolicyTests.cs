using System;
using System.Linq;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Iam;
using HaNat.Model;
using HaNat.Security;
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
        [InlineData("ec2:DeleteTags")]
        public void OperatorCannotDoMore(string action) => Assert.False(IamPolicies.Operator.Allows(action), action);

        /// <summary>Every operation of HaNat's IAM and Auto Scaling clients: the builder and Remove-HaNatVpc call them.</summary>
        [Theory]
        [InlineData(typeof(IIamClient), "iam")]
        [InlineData(typeof(IAutoScalingClient), "autoscaling")]
        public void OperatorAllowsEveryOperationOfHaNatsQueryClients(Type client, string prefix)
        {
            var actions = client.GetMethods().Where(m => m.Name.EndsWith("Async"))
                .Select(m => IamAction.Of(prefix, m.Name.Substring(0, m.Name.Length - "Async".Length)))
                // A NAT marks its failed peers unhealthy; an operator has no need to.
                .Where(a => a != "autoscaling:SetInstanceHealth")
                .ToList();
            Assert.NotEmpty(actions);
            Assert.All(actions, a => Assert.True(IamPolicies.Operator.Allows(a), a));
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
            var deletes = IamPolicies.Operator.Actions.Where(a => a.StartsWith("ec2:Delete") || a == "ec2:ReleaseAddress").ToList();
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
        public void OperatorIamIsConfinedToTheHaNatPath()
        {
            var iam = IamPolicies.Operator.Statements.Where(s => s.Actions.Any(a => a.StartsWith("iam:")));
            Assert.All(iam.SelectMany(s => s.Resources),
                r => Assert.Matches("^arn:\\$\\{Partition\\}:iam::\\$\\{Account\\}:(role/hanat/|instance-profile/hanat/|role/aws-service-role/autoscaling)", r));
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
        [InlineData("ec2:CreateSnapshot")]
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
        public void PackerKeyPairsOnlyByPackersPrefix()
        {
            var keys = Assert.Single(IamPolicies.PackerBuilder.StatementsAllowing("ec2:DeleteKeyPair"));
            Assert.EndsWith(":key-pair/packer_*", keys.Resources.Single());
        }
    }
}
