using System.Linq;
using System.Text.Json;
using HaNat;
using HaNat.Model;
using HaNat.Policies;
using Xunit;

namespace HaNat.Tests.Security
{
    public class PolicyDocumentTests
    {
        public static TheoryData<HaNatPolicyKind> Kinds => new TheoryData<HaNatPolicyKind>
        {
            HaNatPolicyKind.NatInstance, HaNatPolicyKind.PackerBuilder, HaNatPolicyKind.Operator,
        };

        private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

        [Theory]
        [MemberData(nameof(Kinds))]
        public void RendersJsonThatIamTakes(HaNatPolicyKind kind)
        {
            var root = Parse(IamPolicies.For(kind).ToJson());

            Assert.Equal("2012-10-17", root.GetProperty("Version").GetString());
            var statements = root.GetProperty("Statement").EnumerateArray().ToList();
            Assert.Equal(IamPolicies.For(kind).Statements.Count, statements.Count);
            foreach (var statement in statements)
            {
                Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
                Assert.True(statement.TryGetProperty("Resource", out _));
                // HaNat's placeholders are all filled in; IAM's own policy variables (${aws:...}) are IAM's to fill.
                Assert.False(ArnContext.HasHaNatPlaceholder(statement.GetRawText()), statement.GetRawText());
                Assert.DoesNotMatch("\\$\\{(?!aws:Ec2InstanceSourceVpc\\})", statement.GetRawText());
            }
        }

        private static readonly string[] ActionsWithoutResourceType = { "cloudwatch:PutMetricData" };

        [Theory]
        [MemberData(nameof(Kinds))]
        public void NoActionStarAndNoWriteOnEveryResource(HaNatPolicyKind kind)
        {
            var root = Parse(IamPolicies.For(kind).ToJson());
            foreach (var statement in root.GetProperty("Statement").EnumerateArray())
            {
                var actions = Strings(statement.GetProperty("Action"));
                Assert.DoesNotContain(actions, a => a == "*" || a.EndsWith(":*"));
                var resources = Strings(statement.GetProperty("Resource"));
                var writes = actions.Where(a => !IamAction.IsReadOnly(a)).ToList();
                if (writes.Count == 0) continue;
                // An action with no resource type (cloudwatch:PutMetricData) accepts only "*": then a condition must
                // scope it (cloudwatch:namespace). Every other write names its resources.
                if (writes.All(ActionsWithoutResourceType.Contains))
                {
                    Assert.True(statement.TryGetProperty("Condition", out _), statement.GetRawText());
                    continue;
                }
                Assert.DoesNotContain("*", resources);
                // A write is scoped by a condition, or by ARNs that name a resource type, path or name prefix.
                var scoped = statement.TryGetProperty("Condition", out _) || resources.All(r => r.StartsWith("arn:") && r.Split(':').Length >= 6);
                Assert.True(scoped, statement.GetRawText());
            }
        }

        [Theory]
        [MemberData(nameof(Kinds))]
        public void FitsTheManagedPolicySizeLimit(HaNatPolicyKind kind)
        {
            // IAM counts a managed policy's characters without white space: at most 6,144.
            var compact = IamPolicies.For(kind).ToJson(new ArnContext("aws-us-gov", "us-gov-west-1", "123456789012"), indented: false);
            Assert.True(compact.Count(c => !char.IsWhiteSpace(c)) <= 6144, $"{kind}: {compact.Length} characters");
        }

        [Fact]
        public void FillsPartitionRegionAndAccount()
        {
            var json = IamPolicies.NatInstance.ToJson(new ArnContext("aws-cn", "cn-north-1", "123456789012"));
            Assert.Contains("\"arn:aws-cn:ec2:cn-north-1:123456789012:instance/*\"", json);
            Assert.DoesNotContain("arn:aws:", json);
        }

        [Fact]
        public void DefaultsToAnyRegionAndAccountOfTheCommercialPartition() =>
            Assert.Contains("\"arn:aws:ec2:*:*:route-table/*\"", IamPolicies.NatInstance.ToJson());

        [Fact]
        public void TrustPolicyLetsOnlyEc2AssumeTheRole()
        {
            var statement = Parse(IamPolicies.Ec2TrustPolicy.ToJson()).GetProperty("Statement")[0];
            Assert.Equal("ec2.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
            Assert.False(statement.TryGetProperty("Resource", out _));
            Assert.Contains("ec2.amazonaws.com.cn", IamPolicies.Ec2TrustPolicy.ToJson(new ArnContext("aws-cn")));
        }

        [Theory]
        [InlineData("aws ", "*", "*", "InvalidPartition")]
        [InlineData("aws-xx", "*", "*", "InvalidPartition")]
        [InlineData("aws-iso-z", "*", "*", "InvalidPartition")]
        [InlineData("aws", "cn-north-1", "*", "RegionNotInPartition")]
        [InlineData("aws", "useast1", "*", "InvalidRegion")]
        [InlineData("aws", "*", "12345", "InvalidAccountId")]
        public void RefusesABadContext(string partition, string region, string account, string errorId) =>
            Assert.Equal(errorId, Assert.Throws<HaNatException>(() => new ArnContext(partition, region, account)).ErrorId);

        [Theory]
        [InlineData("aws", "us-east-1")]
        [InlineData("aws-cn", "cn-north-1")]
        [InlineData("aws-us-gov", "us-gov-west-1")]
        [InlineData("aws-iso", "us-iso-east-1")]
        [InlineData("aws-iso-b", "us-isob-east-1")]
        [InlineData("aws-iso-e", "eu-isoe-west-1")]
        [InlineData("aws-iso-f", "us-isof-south-1")]
        [InlineData("aws-eusc", "eusc-de-east-1")]
        public void AcceptsEveryPartitionTheSdkKnowsWithItsRegions(string partition, string region) =>
            Assert.Equal(partition, new ArnContext(partition, region, "123456789012").Partition);

        [Theory]
        [InlineData("ec2:Describe*", "ec2:DescribeVpcs", true)]
        [InlineData("ec2:Describe*", "ec2:CreateVpc", false)]
        [InlineData("ec2:Create?oute", "ec2:CreateRoute", true)]
        [InlineData("ec2:CreateRoute", "ec2:CreateRouteTable", false)]
        [InlineData("ec2:createroute", "EC2:CreateRoute", true)]
        public void MatchesActionsAsIamDoes(string pattern, string action, bool matches) =>
            Assert.Equal(matches, IamAction.Matches(pattern, action));

        [Theory]
        [InlineData("ec2:DescribeVpcs", true)]
        [InlineData("ssm:GetParameter", true)]
        [InlineData("iam:ListRolePolicies", true)]
        [InlineData("ec2:CreateTags", false)]
        [InlineData("iam:PassRole", false)]
        public void TellsReadsFromWrites(string action, bool readOnly) => Assert.Equal(readOnly, IamAction.IsReadOnly(action));

        private static string[] Strings(JsonElement element) =>
            element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!).ToArray() : new[] { element.GetString()! };

        [Fact]
        public void CloudFormationWritesIamsPolicyVariablesAsTheyAre()
        {
            // Fn::Sub would take ${aws:Ec2InstanceSourceVpc} for a parameter of its own: ${!...} writes it literally.
            Assert.Equal("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${!aws:Ec2InstanceSourceVpc}",
                ArnContext.ToCloudFormation(Arn.CallersVpc));
        }
    }
}
