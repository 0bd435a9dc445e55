using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Build;
using HaNat.Routing;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Update
{
    /// <summary>
    /// The writes of an Update-HaNatVpc, one step at a time so that the cmdlet can show progress between them: the
    /// launch template's new version, the group's MaxSize while a zone has two NATs, and per zone the new NAT
    /// (launched into the zone's NAT subnet from the new version, attached to the group), the wait for it to take
    /// the zone, and the old NAT's termination through the group; or, when the new NAT does not take the zone, the
    /// new NAT's termination with the zone left on its old NAT.
    /// </summary>
    internal sealed class Rollout(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling)
    {
        private readonly AwsSession _session = session;
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly Ec2Reads _reads = new Ec2Reads(ec2, session);
        private readonly IAutoScalingClient _autoScaling = autoScaling;

        /// <summary>
        /// A new version from the default one with the changed settings (a new image brings its own root device and
        /// size), made the default; a group that names its version by number is moved to it. Returns the version.
        /// </summary>
        public async Task<long> CreateVersionAsync(UpdatePlan plan, CheckedImage image, ResponseLaunchTemplateData? current)
        {
            var template = plan.Template;
            // The settings Update-HaNatVpc manages are stated whether they changed or not, so that the version says
            // itself what it launches; everything else comes from the source version.
            var data = new RequestLaunchTemplateData
            {
                ImageId = plan.Desired.ImageId,
                InstanceType = plan.Desired.InstanceType,
                KeyName = plan.Desired.KeyName,
            };
            if (plan.Desired.ImageId != plan.Current.ImageId && RootMapping(current, image) is LaunchTemplateBlockDeviceMappingRequest root)
                data.BlockDeviceMappings = new List<LaunchTemplateBlockDeviceMappingRequest> { root };
            var description = "HaNat NAT: " + string.Join("; ", plan.Changes);
            var created = await _session.Call("EC2", "CreateLaunchTemplateVersion", $"{template.Id} from {template.DefaultVersion.ToString(CultureInfo.InvariantCulture)}: {string.Join("; ", plan.Changes)}",
                ct => _ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
                {
                    LaunchTemplateId = template.Id,
                    SourceVersion = template.DefaultVersion.ToString(CultureInfo.InvariantCulture),
                    VersionDescription = description.Length > 255 ? description.Substring(0, 255) : description,
                    LaunchTemplateData = data,
                }, ct)).ConfigureAwait(false);
            var version = created.LaunchTemplateVersion?.VersionNumber ?? plan.TargetVersion;
            var text = version.ToString(CultureInfo.InvariantCulture);
            await _session.Call("EC2", "ModifyLaunchTemplate", $"{template.Id} default={text}",
                ct => _ec2.ModifyLaunchTemplateAsync(new ModifyLaunchTemplateRequest { LaunchTemplateId = template.Id, DefaultVersion = text }, ct)).ConfigureAwait(false);
            // A group whose launch settings are rewritten anyway (spot, or a switch) is told the version there.
            if (plan.Group.PinsVersion && !plan.UpdatesGroupLaunch)
            {
                await _autoScaling.UpdateAutoScalingGroupAsync(new UpdateAutoScalingGroupRequest
                {
                    AutoScalingGroupName = plan.Group.Name,
                    LaunchTemplate = new Aws.AutoScaling.Model.LaunchTemplateSpecification { LaunchTemplateId = template.Id, Version = text },
                }, _session.Cancellation).ConfigureAwait(false);
            }
            return version;
        }

        /// <summary>The root mapping of the current version moved to the new image's root device, at the new image's size.</summary>
        private static LaunchTemplateBlockDeviceMappingRequest? RootMapping(ResponseLaunchTemplateData? current, CheckedImage image)
        {
            var mappings = current?.BlockDeviceMappings ?? new List<LaunchTemplateBlockDeviceMapping>();
            var root = mappings.FirstOrDefault(m => m.Ebs != null);
            if (root == null) return null;
            return new LaunchTemplateBlockDeviceMappingRequest
            {
                DeviceName = image.RootDeviceName,
                Ebs = new LaunchTemplateEbsBlockDeviceRequest
                {
                    VolumeSize = image.RootVolumeSizeGiB ?? root.Ebs.VolumeSize,
                    VolumeType = root.Ebs.VolumeType,
                    Encrypted = root.Ebs.Encrypted,
                    DeleteOnTermination = root.Ebs.DeleteOnTermination,
                },
            };
        }

        /// <summary>
        /// The group's purchase option as the plan wants it: on spot, the mixed instances policy (the template at the
        /// group's version, the overrides for the desired instance type) and capacity rebalancing; on-demand, the bare
        /// template and capacity rebalancing off. The NATs running now stay; the rollout replaces those that do not fit.
        /// </summary>
        public Task<UpdateAutoScalingGroupResponse> UpdateGroupLaunchAsync(UpdatePlan plan)
        {
            var template = new Aws.AutoScaling.Model.LaunchTemplateSpecification { LaunchTemplateId = plan.Template.Id, Version = UpdatePlanner.GroupVersion(plan) };
            return _autoScaling.UpdateAutoScalingGroupAsync(new UpdateAutoScalingGroupRequest
            {
                AutoScalingGroupName = plan.Group.Name,
                LaunchTemplate = plan.Spot == null ? template : null,
                MixedInstancesPolicy = plan.Spot == null ? null : NatDeployment.SpotPolicy.Of(plan.Spot, template),
                CapacityRebalance = plan.Spot != null,
            }, _session.Cancellation);
        }

        public Task<UpdateAutoScalingGroupResponse> SetMaxSizeAsync(string groupName, int maxSize) =>
            _autoScaling.UpdateAutoScalingGroupAsync(new UpdateAutoScalingGroupRequest { AutoScalingGroupName = groupName, MaxSize = maxSize }, CancellationToken.None);

        /// <summary>
        /// One NAT from the template's <paramref name="version"/> in the zone's NAT subnet: the version's tags and
        /// everything else apply; only the network interface is restated, with the subnet (EC2 takes no instance-level
        /// subnet beside a template's network interface).
        /// </summary>
        public async Task<string> LaunchAsync(UpdatePlan plan, ZoneReplacement zone, long version, ResponseLaunchTemplateData? data)
        {
            var templateInterface = data?.NetworkInterfaces?.FirstOrDefault(n => (n.DeviceIndex ?? 0) == 0);
            var networkInterface = new InstanceNetworkInterfaceSpecification
            {
                DeviceIndex = 0,
                SubnetId = zone.SubnetId,
                AssociatePublicIpAddress = templateInterface?.AssociatePublicIpAddress,
                DeleteOnTermination = templateInterface?.DeleteOnTermination ?? true,
            };
            if (templateInterface?.Groups is { Count: > 0 } groups) networkInterface.Groups = groups.ToList();
            var text = version.ToString(CultureInfo.InvariantCulture);
            var request = new RunInstancesRequest
            {
                LaunchTemplate = new Amazon.EC2.Model.LaunchTemplateSpecification { LaunchTemplateId = plan.Template.Id, Version = text },
                MinCount = 1,
                MaxCount = 1,
                NetworkInterfaces = new List<InstanceNetworkInterfaceSpecification> { networkInterface },
            };
            // A spot NAT of the template's type, as the group's mixed instances policy would launch: one-time, ended
            // by EC2 with a notice the NAT's monitor hands its zone over on.
            if (zone.LaunchesSpot)
            {
                request.InstanceMarketOptions = new InstanceMarketOptionsRequest
                {
                    MarketType = MarketType.Spot,
                    SpotOptions = new SpotMarketOptions { SpotInstanceType = SpotInstanceType.OneTime, InstanceInterruptionBehavior = InstanceInterruptionBehavior.Terminate },
                };
            }
            var response = await _session.Call("EC2", "RunInstances", $"{plan.Template.Id} version {text} in {zone.SubnetId} ({zone.Zone}){(zone.LaunchesSpot ? " on spot" : string.Empty)}",
                ct => _ec2.RunInstancesAsync(request, ct)).ConfigureAwait(false);
            return response.Reservation.Instances[0].InstanceId;
        }

        /// <summary>EC2's state of one instance ("pending", "running", …), or "terminated" when EC2 no longer lists it.</summary>
        public async Task<string> InstanceStateAsync(string instanceId)
        {
            var instances = await _reads.InstancesAsync(new List<Filter> { Ec2Reads.By("instance-id", instanceId) }).ConfigureAwait(false);
            return instances.FirstOrDefault(i => i.Id == instanceId)?.State ?? "terminated";
        }

        public Task<AttachInstancesResponse> AttachAsync(string groupName, string instanceId) =>
            _autoScaling.AttachInstancesAsync(new AttachInstancesRequest { AutoScalingGroupName = groupName, InstanceIds = new List<string> { instanceId } }, _session.Cancellation);

        /// <summary>The group's view of one of its instances: (LifecycleState, HealthStatus), or null when it does not list it.</summary>
        public async Task<(string LifecycleState, string HealthStatus)?> GroupMemberAsync(string groupName, string instanceId)
        {
            var groups = await _autoScaling.DescribeAllAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            var member = groups.SelectMany(g => g.Instances ?? new List<Aws.AutoScaling.Model.Instance>()).FirstOrDefault(i => i.InstanceId == instanceId);
            return member == null ? null : (member.LifecycleState ?? string.Empty, member.HealthStatus ?? string.Empty);
        }

        /// <summary>Each of the tables and the instance its default route goes to (null: none, or not an instance).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> RouteInstancesAsync(IReadOnlyList<string> tableIds)
        {
            var tables = await _reads.RouteTablesAsync(new List<Filter> { Ec2Reads.By("route-table-id", tableIds.ToList()) }).ConfigureAwait(false);
            var found = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var id in tableIds) found[id] = null;
            foreach (var table in tables) found[table.Id] = RouteReading.Table(table).DefaultRoute?.InstanceId;
            return found;
        }

        /// <summary>Points a table's default route back at the old NAT: a new NAT that took part of its zone and failed.</summary>
        public Task<ReplaceRouteResponse> PutBackRouteAsync(string tableId, string instanceId) =>
            _session.Call("EC2", "ReplaceRoute", $"{tableId} 0.0.0.0/0 -> {instanceId}",
                ct => _ec2.ReplaceRouteAsync(new ReplaceRouteRequest { RouteTableId = tableId, DestinationCidrBlock = "0.0.0.0/0", InstanceId = instanceId }, ct));

        /// <summary>
        /// Terminates an instance through its group, lowering the desired capacity so that nothing replaces it; its
        /// lifecycle state becomes Terminating, which its monitor reads as leaving on purpose.
        /// </summary>
        public Task<TerminateInstanceInAutoScalingGroupResponse> TerminateInGroupAsync(string instanceId, CancellationToken cancellation) =>
            _autoScaling.TerminateInstanceInAutoScalingGroupAsync(new TerminateInstanceInAutoScalingGroupRequest
            {
                InstanceId = instanceId,
                ShouldDecrementDesiredCapacity = true,
            }, cancellation);

    }
}
