using System;
using System.Linq;
using System.Net;
using Amazon.Runtime;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using HaNat.Policies;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>Replies and error replies in the shapes AWS (and moto) send, parsed from strings.</summary>
    public sealed class QueryReplyParsingTests
    {
        private const string DescribeGroups =
            "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">" +
            "<DescribeAutoScalingGroupsResult><AutoScalingGroups><member>" +
            "<AutoScalingGroupName>hanat-vpc1</AutoScalingGroupName>" +
            "<AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/hanat-vpc1</AutoScalingGroupARN>" +
            "<LaunchTemplate><LaunchTemplateId>lt-0abc</LaunchTemplateId><LaunchTemplateName>hanat</LaunchTemplateName><Version>$Latest</Version></LaunchTemplate>" +
            "<MinSize>2</MinSize><MaxSize>3</MaxSize><DesiredCapacity>2</DesiredCapacity><DefaultCooldown>300</DefaultCooldown>" +
            "<AvailabilityZones><member>eu-west-1a</member><member>eu-west-1b</member></AvailabilityZones>" +
            "<LoadBalancerNames/><TargetGroupARNs/><HealthCheckType>EC2</HealthCheckType><HealthCheckGracePeriod>90</HealthCheckGracePeriod>" +
            "<Instances><member><InstanceId>i-0001</InstanceId><InstanceType>t4g.nano</InstanceType><AvailabilityZone>eu-west-1a</AvailabilityZone>" +
            "<LifecycleState>InService</LifecycleState><HealthStatus>Unhealthy</HealthStatus>" +
            "<LaunchTemplate><LaunchTemplateId>lt-0abc</LaunchTemplateId><Version>4</Version></LaunchTemplate>" +
            "<ProtectedFromScaleIn>false</ProtectedFromScaleIn></member></Instances>" +
            "<CreatedTime>2024-05-01T10:20:30.123Z</CreatedTime><SuspendedProcesses/>" +
            "<VPCZoneIdentifier>subnet-a,subnet-b</VPCZoneIdentifier><EnabledMetrics/>" +
            "<Tags><member><ResourceId>hanat-vpc1</ResourceId><PropagateAtLaunch>true</PropagateAtLaunch><Value>true</Value>" +
            "<Key>hanat:managed</Key><ResourceType>auto-scaling-group</ResourceType></member></Tags>" +
            "<TerminationPolicies><member>Default</member></TerminationPolicies>" +
            "</member></AutoScalingGroups><NextToken>next-1</NextToken></DescribeAutoScalingGroupsResult>" +
            "<ResponseMetadata><RequestId>7a5c3e47-1111-2222-3333-444455556666</RequestId></ResponseMetadata>" +
            "</DescribeAutoScalingGroupsResponse>";

        [Fact]
        public void DescribeAutoScalingGroupsReadsEveryFieldHaNatUses()
        {
            var reply = QueryReply.Parse("DescribeAutoScalingGroups", DescribeGroups, HttpStatusCode.OK);
            var response = reply.Into(QueryReader.Read<DescribeAutoScalingGroupsResponse>(reply.Result));

            Assert.Equal("7a5c3e47-1111-2222-3333-444455556666", response.ResponseMetadata.RequestId);
            Assert.Equal("next-1", response.NextToken);
            var group = Assert.Single(response.AutoScalingGroups);
            Assert.Equal("hanat-vpc1", group.AutoScalingGroupName);
            Assert.Equal("lt-0abc", group.LaunchTemplate.LaunchTemplateId);
            Assert.Equal("$Latest", group.LaunchTemplate.Version);
            Assert.Equal((2, 3, 2), (group.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal(new[] { "eu-west-1a", "eu-west-1b" }, group.AvailabilityZones);
            Assert.Equal(90, group.HealthCheckGracePeriod);
            Assert.Equal("subnet-a,subnet-b", group.VPCZoneIdentifier);
            Assert.Equal(new DateTime(2024, 5, 1, 10, 20, 30, 123, DateTimeKind.Utc), group.CreatedTime);
            Assert.Equal(DateTimeKind.Utc, group.CreatedTime!.Value.Kind);
            var tag = Assert.Single(group.Tags);
            Assert.Equal(("hanat:managed", "true", (bool?)true), (tag.Key, tag.Value, tag.PropagateAtLaunch));
            var instance = Assert.Single(group.Instances);
            Assert.Equal("Unhealthy", instance.HealthStatus);
            Assert.Equal("4", instance.LaunchTemplate.Version);
            Assert.False(instance.ProtectedFromScaleIn);
            Assert.Null(group.Status);
        }

        [Fact]
        public void TheLastPageHasNoNextTokenAndEmptyListsAreEmptyNotNull()
        {
            const string body =
                "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">" +
                "<DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult>" +
                "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>";

            var response = QueryReader.Read<DescribeAutoScalingGroupsResponse>(QueryReply.Parse("DescribeAutoScalingGroups", body, HttpStatusCode.OK).Result);

            Assert.Empty(response.AutoScalingGroups);
            Assert.Null(response.NextToken);
        }

        [Fact]
        public void ElementsAreMatchedByLocalNameWhateverTheNamespace()
        {
            const string body =
                "<a:DescribeAutoScalingInstancesResponse xmlns:a=\"urn:elsewhere\"><a:DescribeAutoScalingInstancesResult>" +
                "<a:AutoScalingInstances><a:member><a:InstanceId>i-9</a:InstanceId><a:AutoScalingGroupName>g</a:AutoScalingGroupName>" +
                "<a:HealthStatus>UNHEALTHY</a:HealthStatus><a:LifecycleState>InService</a:LifecycleState></a:member></a:AutoScalingInstances>" +
                "</a:DescribeAutoScalingInstancesResult></a:DescribeAutoScalingInstancesResponse>";

            var response = QueryReader.Read<DescribeAutoScalingInstancesResponse>(
                QueryReply.Parse("DescribeAutoScalingInstances", body, HttpStatusCode.OK).Result);

            var instance = Assert.Single(response.AutoScalingInstances);
            Assert.Equal(("i-9", "g", "UNHEALTHY"), (instance.InstanceId, instance.AutoScalingGroupName, instance.HealthStatus));
        }

        [Fact]
        public void GetRoleDecodesTheUrlEncodedTrustPolicy()
        {
            const string body =
                "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role><Path>/hanat/</Path>" +
                "<RoleName>nat</RoleName><RoleId>AROA1</RoleId><Arn>arn:aws:iam::123456789012:role/hanat/nat</Arn>" +
                "<CreateDate>2024-05-01T10:20:30Z</CreateDate>" +
                "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C" +
                "%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>" +
                "<MaxSessionDuration>3600</MaxSessionDuration><Tags><member><Key>hanat:managed</Key><Value>true</Value></member></Tags>" +
                "</Role></GetRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>";

            var role = QueryReader.Read<GetRoleResponse>(QueryReply.Parse("GetRole", body, HttpStatusCode.OK).Result).Role;

            Assert.Equal(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
                role.AssumeRolePolicyDocument);
            Assert.Equal("arn:aws:iam::123456789012:role/hanat/nat", role.Arn);
            Assert.Equal(3600, role.MaxSessionDuration);
            Assert.Equal("hanat:managed", Assert.Single(role.Tags).Key);
        }

        [Theory]
        [InlineData("%7B%22a%22%3A%22x%2By%20z%22%7D", "{\"a\":\"x+y z\"}")]
        [InlineData("{\"a\":\"x+y z\"}", "{\"a\":\"x+y z\"}")]
        [InlineData("  {\"a\":\"100%25\"}", "  {\"a\":\"100%25\"}")]
        public void PolicyDocumentsAreDecodedOnlyWhenEncoded(string wire, string expected)
        {
            Assert.Equal(expected, UrlEncodedPolicyAttribute.Decode(wire));
        }

        [Fact]
        public void ListRoleTagsReadsTheMarkerWhileTruncated()
        {
            const string body =
                "<ListRoleTagsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListRoleTagsResult><Tags>" +
                "<member><Key>a</Key><Value>1</Value></member></Tags><IsTruncated>true</IsTruncated><Marker>m-1</Marker>" +
                "</ListRoleTagsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRoleTagsResponse>";

            var page = QueryReader.Read<ListRoleTagsResponse>(QueryReply.Parse("ListRoleTags", body, HttpStatusCode.OK).Result);

            Assert.True(page.IsTruncated);
            Assert.Equal("m-1", page.Marker);
            Assert.Equal("1", Assert.Single(page.Tags).Value);
        }

        [Fact]
        public void AnActionWithoutResultReturnsTheRootAndItsRequestId()
        {
            const string body =
                "<DeleteRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata>" +
                "<RequestId>del-1</RequestId></ResponseMetadata></DeleteRoleResponse>";

            var reply = QueryReply.Parse("DeleteRole", body, HttpStatusCode.OK);

            Assert.Equal("DeleteRoleResponse", reply.Result.Name.LocalName);
            Assert.Equal("del-1", reply.RequestId);
        }

        [Fact]
        public void AnErrorResponseKeepsCodeMessageTypeAndRequestId()
        {
            const string body =
                "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>" +
                "<Code>NoSuchEntity</Code><Message>The role with name nat cannot be found.</Message></Error>" +
                "<RequestId>err-1</RequestId></ErrorResponse>";

            var error = QueryError.TryParse(body)!;

            Assert.Equal("NoSuchEntity", error.Code);
            Assert.Equal("The role with name nat cannot be found.", error.Message);
            Assert.Equal(ErrorType.Sender, error.Type);
            Assert.Equal("err-1", error.RequestId);
        }

        [Fact]
        public void AnErrorWrappedInErrorsIsFoundToo()
        {
            // moto's signature errors, and some AWS services, add an <Errors> level.
            const string body =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>" +
                "<Message>The request signature we calculated does not match</Message></Error></Errors>" +
                "<RequestId>sig-1</RequestId></ErrorResponse>";

            var error = QueryError.TryParse(body)!;

            Assert.Equal("SignatureDoesNotMatch", error.Code);
            Assert.Equal(ErrorType.Unknown, error.Type);
            Assert.Equal("sig-1", error.RequestId);
        }

        [Theory]
        [InlineData("")]
        [InlineData("<html><body>502 Bad Gateway</body></html>")]
        [InlineData("not xml at all")]
        public void ABodyThatIsNoAwsErrorFallsBackToTheHttpStatus(string body)
        {
            Assert.Null(QueryError.TryParse(body));

            var error = QueryError.FromStatus(HttpStatusCode.BadGateway, body);

            Assert.Equal("BadGateway", error.Code);
            Assert.StartsWith("HTTP 502", error.Message);
            Assert.Equal(ErrorType.Receiver, error.Type);
        }
    }
}
