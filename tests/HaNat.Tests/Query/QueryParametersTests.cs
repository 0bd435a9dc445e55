using System.Collections.Generic;
using System.Linq;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using HaNat.Policies;
using Xunit;
using AutoScalingTag = HaNat.Aws.AutoScaling.Model.Tag;
using IamTag = HaNat.Aws.Iam.Model.Tag;

namespace HaNat.Tests.Query
{
    /// <summary>Query-protocol flattening and form encoding, with no I/O.</summary>
    public sealed class QueryParametersTests
    {
        private static Dictionary<string, string> AsDictionary(QueryParameters parameters) =>
            parameters.Pairs.ToDictionary(p => p.Key, p => p.Value);

        [Fact]
        public void CreateAutoScalingGroupFlattensLaunchTemplateAndTags()
        {
            var request = new CreateAutoScalingGroupRequest
            {
                AutoScalingGroupName = "hanat-vpc1",
                LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateId = "lt-0abc", Version = "$Latest" },
                MinSize = 0,
                MaxSize = 3,
                DesiredCapacity = 2,
                VPCZoneIdentifier = "subnet-a,subnet-b",
                HealthCheckType = "EC2",
                HealthCheckGracePeriod = 90,
                Tags = new List<AutoScalingTag>
                {
                    new AutoScalingTag { Key = "hanat:managed", Value = "true", PropagateAtLaunch = true },
                    new AutoScalingTag { Key = "Name", Value = "nat", PropagateAtLaunch = false },
                },
            };

            var form = AsDictionary(QueryForm.Of(request));

            Assert.Equal(new Dictionary<string, string>
            {
                ["AutoScalingGroupName"] = "hanat-vpc1",
                ["LaunchTemplate.LaunchTemplateId"] = "lt-0abc",
                ["LaunchTemplate.Version"] = "$Latest",
                ["MinSize"] = "0",
                ["MaxSize"] = "3",
                ["DesiredCapacity"] = "2",
                ["VPCZoneIdentifier"] = "subnet-a,subnet-b",
                ["HealthCheckType"] = "EC2",
                ["HealthCheckGracePeriod"] = "90",
                ["Tags.member.1.Key"] = "hanat:managed",
                ["Tags.member.1.Value"] = "true",
                ["Tags.member.1.PropagateAtLaunch"] = "true",
                ["Tags.member.2.Key"] = "Name",
                ["Tags.member.2.Value"] = "nat",
                ["Tags.member.2.PropagateAtLaunch"] = "false",
            }, form);
        }

        [Fact]
        public void DescribeGroupsFlattensNamesAndTagFilters()
        {
            var request = new DescribeAutoScalingGroupsRequest
            {
                AutoScalingGroupNames = new List<string> { "a", "b" },
                Filters = new List<Filter>
                {
                    new Filter { Name = "tag:hanat:vpc-id", Values = new List<string> { "vpc-1", "vpc-2" } },
                    new Filter { Name = "tag-key", Values = new List<string> { "hanat:managed" } },
                },
                MaxRecords = 10,
                NextToken = "tok",
            };

            var pairs = QueryForm.Of(request).Pairs.Select(p => $"{p.Key}={p.Value}").ToList();

            Assert.Equal(new[]
            {
                "AutoScalingGroupNames.member.1=a",
                "AutoScalingGroupNames.member.2=b",
                "Filters.member.1.Name=tag:hanat:vpc-id",
                "Filters.member.1.Values.member.1=vpc-1",
                "Filters.member.1.Values.member.2=vpc-2",
                "Filters.member.2.Name=tag-key",
                "Filters.member.2.Values.member.1=hanat:managed",
                "MaxRecords=10",
                "NextToken=tok",
            }, pairs);
        }

        [Fact]
        public void UnsetFieldsAreNotSentAndBooleansAreLowerCase()
        {
            var update = AsDictionary(QueryForm.Of(new UpdateAutoScalingGroupRequest { AutoScalingGroupName = "g", DesiredCapacity = 1 }));
            var delete = AsDictionary(QueryForm.Of(new DeleteAutoScalingGroupRequest { AutoScalingGroupName = "g", ForceDelete = true }));
            var health = AsDictionary(QueryForm.Of(new SetInstanceHealthRequest
            {
                InstanceId = "i-1", HealthStatus = "Unhealthy", ShouldRespectGracePeriod = false,
            }));

            Assert.Equal(new[] { "AutoScalingGroupName", "DesiredCapacity" }, update.Keys);
            Assert.Equal("true", delete["ForceDelete"]);
            Assert.Equal("false", health["ShouldRespectGracePeriod"]);
        }

        [Fact]
        public void IamTagsAndPagingFlatten()
        {
            var create = AsDictionary(QueryForm.Of(new CreateRoleRequest
            {
                RoleName = "nat",
                Path = "/hanat/",
                AssumeRolePolicyDocument = "{}",
                Tags = new List<IamTag> { new IamTag { Key = "hanat:managed", Value = "true" } },
            }));
            var list = AsDictionary(QueryForm.Of(new ListRoleTagsRequest { RoleName = "nat", Marker = "m", MaxItems = 5 }));

            Assert.Equal("hanat:managed", create["Tags.member.1.Key"]);
            Assert.Equal("true", create["Tags.member.1.Value"]);
            Assert.Equal("/hanat/", create["Path"]);
            Assert.Equal(new Dictionary<string, string> { ["RoleName"] = "nat", ["Marker"] = "m", ["MaxItems"] = "5" }, list);
        }

        [Fact]
        public void FormBodyPutsActionAndVersionFirstAndEncodesPerRfc3986()
        {
            var parameters = new QueryParameters()
                .Add("PolicyDocument", "{\"Action\": \"ec2:*\"}")
                .Add("Path", "/a b+c/~x_y-z.")
                .Add("Name", "zoné");

            var body = parameters.ToFormBody("PutRolePolicy", "2010-05-08");

            Assert.Equal(
                "Action=PutRolePolicy&Version=2010-05-08" +
                "&PolicyDocument=%7B%22Action%22%3A%20%22ec2%3A%2A%22%7D" +
                "&Path=%2Fa%20b%2Bc%2F~x_y-z." +
                "&Name=zon%C3%A9",
                body);
        }

        [Fact]
        public void EmptyAndNullListsSendNothing()
        {
            var parameters = new QueryParameters()
                .AddList("InstanceIds", new List<string>())
                .AddList("AutoScalingGroupNames", null)
                .AddList<Filter>("Filters", null, (p, f) => p.Add("Name", f.Name))
                .AddStruct<LaunchTemplateSpecification>("LaunchTemplate", null, (p, t) => p.Add("Version", t.Version));

            Assert.Empty(parameters.Pairs);
        }
    }
}
