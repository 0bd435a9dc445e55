using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Monitor;
using HaNat.Tagging;
using HaNat.Tests.Infrastructure;
using Xunit;
using AutoScalingFilter = HaNat.Aws.AutoScaling.Model.Filter;
using AutoScalingTag = HaNat.Aws.AutoScaling.Model.Tag;
using LaunchTemplateSpecification = HaNat.Aws.AutoScaling.Model.LaunchTemplateSpecification;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// Every Auto Scaling operation against a real moto_server. moto puts all of a group's instances in its first
    /// subnet and never replaces an Unhealthy one, so the tests check what was sent and recorded, not placement.
    /// The server is reset once for the class; each test uses its own group names and tag values.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class AutoScalingMotoTests
    {
        private readonly MotoServer _moto;
        private readonly AwsCallLog _log = new AwsCallLog();

        public AutoScalingMotoTests(MotoServer moto)
        {
            _moto = moto;
            _moto.ResetForClass(GetType());
        }

        private async Task<(string LaunchTemplateId, string[] Subnets)> NetworkAsync(AwsSession session)
        {
            using var ec2 = session.CreateEc2Client();
            var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.40.0.0/16" })).Vpc.VpcId;
            var a = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.40.1.0/24", AvailabilityZone = "eu-west-1a" })).Subnet.SubnetId;
            var b = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.40.2.0/24", AvailabilityZone = "eu-west-1b" })).Subnet.SubnetId;
            var template = await ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
            {
                LaunchTemplateName = "hanat-nat-" + System.Guid.NewGuid().ToString("N").Substring(0, 8),
                LaunchTemplateData = new RequestLaunchTemplateData { ImageId = "ami-12c6146b", InstanceType = InstanceType.T3Micro },
            });
            return (template.LaunchTemplate.LaunchTemplateId, new[] { a, b });
        }

        private static CreateAutoScalingGroupRequest Group(string name, string templateId, string[] subnets, string vpcName = "vpc1") =>
            new CreateAutoScalingGroupRequest
            {
                AutoScalingGroupName = name,
                LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateId = templateId, Version = "$Latest" },
                MinSize = 1,
                MaxSize = 2,
                DesiredCapacity = 1,
                VPCZoneIdentifier = string.Join(",", subnets),
                HealthCheckType = "EC2",
                HealthCheckGracePeriod = 60,
                Tags = new List<AutoScalingTag>
                {
                    new AutoScalingTag { Key = HaNatTags.Managed, Value = HaNatTags.ManagedValue, PropagateAtLaunch = true },
                    new AutoScalingTag { Key = HaNatTags.VpcName, Value = vpcName, PropagateAtLaunch = true },
                },
            };

        [Fact]
        public async Task GroupRoundTripCreateDescribeUpdateMarkUnhealthyDelete()
        {
            var session = _moto.Session(log: _log);
            var (templateId, subnets) = await NetworkAsync(session);
            using var client = session.CreateAutoScalingClient();

            var created = await client.CreateAutoScalingGroupAsync(Group("hanat-vpc1", templateId, subnets));
            Assert.Equal(HttpStatusCode.OK, created.HttpStatusCode);
            Assert.False(string.IsNullOrEmpty(created.ResponseMetadata.RequestId));

            var group = Assert.Single((await client.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest
            {
                AutoScalingGroupNames = new List<string> { "hanat-vpc1" },
            })).AutoScalingGroups);
            Assert.Equal((1, 2, 1), (group.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal(string.Join(",", subnets), group.VPCZoneIdentifier);
            Assert.Equal(templateId, group.LaunchTemplate.LaunchTemplateId);
            Assert.StartsWith("hanat-nat-", group.LaunchTemplate.LaunchTemplateName);
            Assert.Equal(("EC2", (int?)60), (group.HealthCheckType, group.HealthCheckGracePeriod));
            Assert.Contains(group.Tags, t => t.Key == HaNatTags.Managed && t.Value == "true" && t.PropagateAtLaunch == true);
            Assert.Contains(group.Tags, t => t.Key == HaNatTags.VpcName && t.Value == "vpc1");
            var instance = Assert.Single(group.Instances);
            Assert.Equal("Healthy", instance.HealthStatus);

            await client.UpdateAutoScalingGroupAsync(new UpdateAutoScalingGroupRequest
            {
                AutoScalingGroupName = "hanat-vpc1", MinSize = 2, MaxSize = 3, DesiredCapacity = 2,
            });
            var updated = Assert.Single((await client.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest
            {
                AutoScalingGroupNames = new List<string> { "hanat-vpc1" },
            })).AutoScalingGroups);
            Assert.Equal((2, 3, 2), (updated.MinSize, updated.MaxSize, updated.DesiredCapacity));
            Assert.Equal(2, updated.Instances.Count);

            await client.SetInstanceHealthAsync(new SetInstanceHealthRequest
            {
                InstanceId = instance.InstanceId, HealthStatus = "Unhealthy", ShouldRespectGracePeriod = false,
            });
            var details = Assert.Single((await client.DescribeAutoScalingInstancesAsync(new DescribeAutoScalingInstancesRequest
            {
                InstanceIds = new List<string> { instance.InstanceId },
            })).AutoScalingInstances);
            Assert.Equal(instance.InstanceId, details.InstanceId);
            Assert.Equal("hanat-vpc1", details.AutoScalingGroupName);
            Assert.Equal("unhealthy", details.HealthStatus.ToLowerInvariant());
            Assert.Equal(templateId, details.LaunchTemplate.LaunchTemplateId);

            await client.DeleteAutoScalingGroupAsync(new DeleteAutoScalingGroupRequest { AutoScalingGroupName = "hanat-vpc1", ForceDelete = true });
            var after = await client.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest
            {
                AutoScalingGroupNames = new List<string> { "hanat-vpc1" },
            });
            Assert.Empty(after.AutoScalingGroups);

            var lines = _log.Drain().ToList();
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^AutoScaling CreateAutoScalingGroup hanat-vpc1 \(\d+ ms\)$"));
            Assert.Contains(lines, l => l.StartsWith($"AutoScaling SetInstanceHealth {instance.InstanceId} Unhealthy (", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task TheHandoverReadsTheGroupsLifecycleHooksAndCompletesTheTerminatingOnesOnly()
        {
            var session = _moto.Session(log: _log);
            var (templateId, subnets) = await NetworkAsync(session);
            using var client = session.CreateAutoScalingClient();
            await client.CreateAutoScalingGroupAsync(Group("hanat-hooks", templateId, subnets));
            foreach (var (name, transition) in new[] { ("drain", TerminationHooks.TerminatingTransition), ("warm", "autoscaling:EC2_INSTANCE_LAUNCHING") })
            {
                await PutLifecycleHookAsync("hanat-hooks", name, transition);
            }
            var hooks = (await client.DescribeLifecycleHooksAsync(new DescribeLifecycleHooksRequest { AutoScalingGroupName = "hanat-hooks" })).LifecycleHooks;
            Assert.Equal(new[] { "drain", "warm" }, hooks.Select(h => h.LifecycleHookName).OrderBy(n => n));
            var drain = hooks.Single(h => h.LifecycleHookName == "drain");
            Assert.Equal((TerminationHooks.TerminatingTransition, (int?)300, "CONTINUE", "hanat-hooks"),
                (drain.LifecycleTransition, drain.HeartbeatTimeout, drain.DefaultResult, drain.AutoScalingGroupName));

            var instance = (await client.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest
            {
                AutoScalingGroupNames = new List<string> { "hanat-hooks" },
            })).AutoScalingGroups.Single().Instances.Single().InstanceId;
            _log.Drain().ToList();
            // moto keeps hooks but has no CompleteLifecycleAction (it answers 500): the call fails here, and what is
            // checked is that it was the terminating hook's, by instance id, CONTINUE, and the launching one's never.
            var error = await Assert.ThrowsAsync<AwsCallException>(() =>
                TerminationHooks.CompleteAsync(client, instance, System.Threading.CancellationToken.None));
            Assert.Equal("CompleteLifecycleAction", error.Operation);
            var lines = _log.Drain().ToList();
            Assert.Contains(lines, l => l.StartsWith($"AutoScaling CompleteLifecycleAction hanat-hooks drain {instance} CONTINUE", System.StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(" warm "));

            // An instance in no group: nothing to complete, and no hook is read.
            var (group, completed) = await TerminationHooks.CompleteAsync(client, "i-0123456789abcdef0", System.Threading.CancellationToken.None);
            Assert.Null(group);
            Assert.Empty(completed);
            await client.DeleteAutoScalingGroupAsync(new DeleteAutoScalingGroupRequest { AutoScalingGroupName = "hanat-hooks", ForceDelete = true });
        }

        /// <summary>
        /// Puts a lifecycle hook on a group, straight to moto (HaNat never puts one: a user's group has it, so HaNat has
        /// no model for the call). moto routes by the credential scope's service and checks no signature.
        /// </summary>
        private async Task PutLifecycleHookAsync(string group, string name, string transition)
        {
            using var http = new System.Net.Http.HttpClient();
            using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, _moto.Endpoint)
            {
                Content = new System.Net.Http.FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Action"] = "PutLifecycleHook", ["Version"] = "2011-01-01", ["AutoScalingGroupName"] = group, ["LifecycleHookName"] = name,
                    ["LifecycleTransition"] = transition, ["HeartbeatTimeout"] = "300", ["DefaultResult"] = "CONTINUE",
                }),
            };
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20250101/eu-west-1/autoscaling/aws4_request, SignedHeaders=host, Signature=0");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        [Fact]
        public async Task TagFiltersSelectGroupsAndPagingReadsThemAll()
        {
            var session = _moto.Session(log: _log);
            var (templateId, subnets) = await NetworkAsync(session);
            using var client = session.CreateAutoScalingClient();
            foreach (var (name, vpc) in new[] { ("g-a", "paged"), ("g-b", "paged"), ("g-c", "paged"), ("g-other", "elsewhere") })
            {
                await client.CreateAutoScalingGroupAsync(Group(name, templateId, subnets, vpc));
            }
            var callsBefore = _log.Count;

            var request = new DescribeAutoScalingGroupsRequest
            {
                Filters = new List<AutoScalingFilter>
                {
                    new AutoScalingFilter { Name = "tag:" + HaNatTags.VpcName, Values = new List<string> { "paged" } },
                },
                MaxRecords = 1,
            };
            var firstPage = await client.DescribeAutoScalingGroupsAsync(request);
            Assert.Single(firstPage.AutoScalingGroups);
            Assert.NotNull(firstPage.NextToken);

            request.NextToken = null;
            var all = await client.DescribeAllAutoScalingGroupsAsync(request);

            Assert.Equal(new[] { "g-a", "g-b", "g-c" }, all.Select(g => g.AutoScalingGroupName).OrderBy(n => n));
            // One call for the probe above, then one per page of one group.
            Assert.Equal(1 + 3, _log.Count - callsBefore);
        }

        [Fact]
        public async Task DeletingAMissingGroupIsAValidationError()
        {
            using var client = _moto.Session(log: _log).CreateAutoScalingClient();

            var error = await Assert.ThrowsAsync<AwsCallException>(() =>
                client.DeleteAutoScalingGroupAsync(new DeleteAutoScalingGroupRequest { AutoScalingGroupName = "missing" }));

            Assert.Equal("ValidationError", error.AwsErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal("AwsAutoScalingDeleteAutoScalingGroupFailed", error.ErrorId);
            Assert.Contains("missing", error.Message);
        }

        [Fact]
        public async Task MarkingAnInstanceOutsideAnyGroupFailsWithItsCode()
        {
            using var client = _moto.Session(log: _log).CreateAutoScalingClient();

            var error = await Assert.ThrowsAsync<AwsCallException>(() =>
                client.SetInstanceHealthAsync(new SetInstanceHealthRequest { InstanceId = "i-0123456789abcdef0", HealthStatus = "Unhealthy" }));

            Assert.Equal("InvalidInstanceID.NotFound", error.AwsErrorCode);
            Assert.Equal(HaNat.HaNatErrorKind.ObjectNotFound, error.Kind);
        }
    }
}
