using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using AsgInstance = HaNat.Aws.AutoScaling.Model.Instance;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Update
{
    /// <summary>
    /// Reads one HaNat deployment for Update-HaNatVpc, built or added, as Get-HaNatVpc reads it (the zones, the NAT
    /// subnet and the served tables of each), then its group with its NATs, and its launch template's default version.
    /// </summary>
    internal sealed class UpdateReader(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling, IAmazonSimpleSystemsManagement ssm)
    {
        /// <summary>The tags EC2 puts on an instance launched from a launch template: which template, and which version.</summary>
        public const string TemplateIdTag = "aws:ec2launchtemplate:id";
        public const string TemplateVersionTag = "aws:ec2launchtemplate:version";

        private readonly AwsSession _session = session;
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly IAutoScalingClient _autoScaling = autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm = ssm;

        /// <summary>What was read: the snapshot the planner decides from, and the default version's data the rollout copies from.</summary>
        internal sealed class Result(HaNatVpc vpc, UpdateSnapshot snapshot, ResponseLaunchTemplateData? templateData)
        {
            public HaNatVpc Vpc { get; } = vpc;
            public UpdateSnapshot Snapshot { get; } = snapshot;
            public ResponseLaunchTemplateData? TemplateData { get; } = templateData;
        }

        /// <summary>The deployment named exactly <paramref name="name"/>; null when there is none.</summary>
        public async Task<Result?> ReadAsync(string name)
        {
            var inventories = await new VpcInventoryReader(_session, _ec2, _autoScaling, ssm: _ssm)
                .ReadSummariesAsync(n => string.Equals(n, name, StringComparison.Ordinal)).ConfigureAwait(false);
            if (inventories.Count == 0) return null;
            if (inventories.Count > 1)
            {
                throw new HaNatException("AmbiguousName", HaNatErrorKind.InvalidArgument,
                    $"More than one VPC is tagged as the HaNat VPC '{name}': {string.Join(", ", inventories.Select(i => i.Vpc?.Id))}. " +
                    "Remove the tags from the one that is not, then run Update-HaNatVpc again.")
                { Target = name };
            }
            var inventory = inventories[0];
            var vpc = HaNatVpcAssembler.Assemble(inventory);

            var groupTask = GroupAsync(LayoutNames.AutoScalingGroupName(name));
            var templateTask = TemplateAsync(vpc.LaunchTemplateId, LayoutNames.LaunchTemplateName(name));
            await Task.WhenAll(groupTask, templateTask).ConfigureAwait(false);
            var group = inventory.Group == null ? null : groupTask.Result;
            var (template, data) = templateTask.Result;

            var members = (group?.Instances ?? new List<AsgInstance>()).ToList();
            var versions = await VersionsAsync(members.Select(m => m.InstanceId).ToList(), template?.Id).ConfigureAwait(false);
            var nats = members.Select(m => new NatState(m.InstanceId, m.AvailabilityZone ?? string.Empty, m.LifecycleState ?? string.Empty,
                m.HealthStatus ?? string.Empty, versions.TryGetValue(m.InstanceId, out var v) ? v.Version : null, versions.TryGetValue(m.InstanceId, out var s) && s.IsSpot));

            var tables = inventory.RouteTables.ToDictionary(t => t.Id, StringComparer.Ordinal);
            var zones = vpc.Zones.Select(z => new ZoneState(z.AvailabilityZone, z.PublicSubnetId, z.ServedRouteTableIds.Select(id =>
            {
                var route = tables.TryGetValue(id, out var table) ? table.DefaultRoute : null;
                return new ServedTable(id, route?.InstanceId, route?.ToString());
            })));
            // A spot group (-Spot) names its template inside its mixed instances policy.
            var groupTemplate = group?.LaunchTemplate ?? group?.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
            var groupState = group == null ? null : new GroupState(group.AutoScalingGroupName, groupTemplate?.Version,
                group.MinSize ?? 0, group.MaxSize ?? 0, group.DesiredCapacity ?? 0, SpotPolicy.IsSpot(group.MixedInstancesPolicy));
            return new Result(vpc, new UpdateSnapshot(name, vpc.VpcId, vpc.IsAdded, template, groupState, zones, nats), data);
        }

        private async Task<AutoScalingGroup?> GroupAsync(string groupName)
        {
            var groups = await _autoScaling.DescribeAllAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            return groups.FirstOrDefault(g => g.AutoScalingGroupName == groupName);
        }

        /// <summary>The template (by the group's id, else by HaNat's name for it) and its default version's settings.</summary>
        private async Task<(TemplateState?, ResponseLaunchTemplateData?)> TemplateAsync(string? templateId, string templateName)
        {
            var request = templateId != null
                ? new DescribeLaunchTemplatesRequest { LaunchTemplateIds = new List<string> { templateId } }
                : new DescribeLaunchTemplatesRequest { LaunchTemplateNames = new List<string> { templateName } };
            DescribeLaunchTemplatesResponse found;
            try
            {
                found = await _session.Call("EC2", "DescribeLaunchTemplates", templateId ?? templateName,
                    ct => _ec2.DescribeLaunchTemplatesAsync(request, ct)).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.AwsErrorCode.StartsWith("InvalidLaunchTemplate", StringComparison.Ordinal))
            {
                return (null, null);
            }
            var template = found.LaunchTemplates?.FirstOrDefault();
            if (template == null) return (null, null);
            var versions = await _session.Call("EC2", "DescribeLaunchTemplateVersions", $"{template.LaunchTemplateId} $Default",
                ct => _ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest
                {
                    LaunchTemplateId = template.LaunchTemplateId,
                    Versions = new List<string> { "$Default" },
                }, ct)).ConfigureAwait(false);
            var version = versions.LaunchTemplateVersions?.FirstOrDefault();
            var data = version?.LaunchTemplateData ?? new ResponseLaunchTemplateData();
            var settings = new LaunchSettings(data.ImageId ?? string.Empty, data.InstanceType?.Value ?? string.Empty, data.KeyName);
            var defaultVersion = version?.VersionNumber ?? template.DefaultVersionNumber ?? 1;
            return (new TemplateState(template.LaunchTemplateId, template.LaunchTemplateName, defaultVersion,
                template.LatestVersionNumber ?? defaultVersion, settings), data);
        }

        /// <summary>
        /// The template version each instance was launched from, from the tags EC2 puts on an instance launched from a
        /// template (absent for an instance launched otherwise, or from another template), and whether it is spot.
        /// </summary>
        private async Task<Dictionary<string, (long? Version, bool IsSpot)>> VersionsAsync(List<string> instanceIds, string? templateId)
        {
            var versions = new Dictionary<string, (long? Version, bool IsSpot)>(StringComparer.Ordinal);
            if (instanceIds.Count == 0) return versions;
            var instances = await new Ec2Reads(_ec2, _session).InstancesAsync(new List<Filter> { Ec2Reads.By("instance-id", instanceIds) }).ConfigureAwait(false);
            foreach (var instance in instances)
            {
                instance.Tags.TryGetValue(TemplateIdTag, out var id);
                instance.Tags.TryGetValue(TemplateVersionTag, out var text);
                versions[instance.Id] = (id == templateId && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null, instance.IsSpot);
            }
            return versions;
        }
    }
}
