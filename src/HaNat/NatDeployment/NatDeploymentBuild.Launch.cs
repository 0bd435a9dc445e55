using System.Globalization;
using System.Text;
using Amazon.EC2.Model;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Build;

namespace HaNat.NatDeployment
{
    /// <summary>What launches the NATs: the launch template and the Auto Scaling group, across the target's subnets.</summary>
    internal sealed partial class NatDeploymentBuild
    {
        private Task CreateLaunchTemplateAsync()
        {
            var template = _layout.LaunchTemplate;
            var launchedTags = template.LaunchedResources.TagsWithVpcId(VpcId).Concat(_layout.ServedTags).ToList();
            var data = new RequestLaunchTemplateData
            {
                ImageId = template.ImageId,
                InstanceType = template.InstanceType,
                KeyName = template.KeyName,
                IamInstanceProfile = new LaunchTemplateIamInstanceProfileSpecificationRequest { Arn = BuildContext.Required(_instanceProfileArn) },
                MetadataOptions = new LaunchTemplateInstanceMetadataOptionsRequest
                {
                    HttpTokens = template.HttpTokens,
                    HttpPutResponseHopLimit = template.HttpPutResponseHopLimit,
                    HttpEndpoint = template.HttpEndpoint,
                },
                BlockDeviceMappings = new List<LaunchTemplateBlockDeviceMappingRequest>
                {
                    new LaunchTemplateBlockDeviceMappingRequest
                    {
                        DeviceName = template.RootDeviceName,
                        Ebs = new LaunchTemplateEbsBlockDeviceRequest
                        {
                            // The image's own root size. EC2 would take it from the image's snapshot anyway; stating it
                            // makes the template say what it launches (and moto, which does not inherit it, launch).
                            VolumeSize = _rootVolumeSizeGiB,
                            VolumeType = template.RootVolumeType,
                            Encrypted = template.RootVolumeEncrypted,
                            DeleteOnTermination = template.DeleteRootVolumeOnTermination,
                        },
                    },
                },
                NetworkInterfaces = new List<LaunchTemplateInstanceNetworkInterfaceSpecificationRequest>
                {
                    new LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
                    {
                        DeviceIndex = 0,
                        AssociatePublicIpAddress = template.AssociatePublicIpAddress,
                        Groups = new List<string> { BuildContext.Required(SecurityGroupId) },
                        DeleteOnTermination = true,
                    },
                },
                UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(_layout.UserData(VpcId))),
                TagSpecifications = template.TaggedResourceTypes.Select(type => BuildTags.Launched(type, launchedTags)).ToList(),
            };
            var request = new CreateLaunchTemplateRequest
            {
                LaunchTemplateName = template.TemplateName,
                VersionDescription = "HaNat NAT",
                LaunchTemplateData = data,
                TagSpecifications = BuildTags.Ec2("launch-template", template.TagsWithVpcId(VpcId)),
            };
            return _context.CreateNamedAsync("launch template " + template.TemplateName,
                () => _iamRetry.RunAsync(() => _context.Ec2("CreateLaunchTemplate", template.TemplateName, ct => _context.Ec2Client.CreateLaunchTemplateAsync(request, ct)),
                    _context.Session.Log.Note, _context.Cancellation),
                response =>
                {
                    LaunchTemplateId = response.LaunchTemplate.LaunchTemplateId;
                    _launchTemplateVersion = response.LaunchTemplate.LatestVersionNumber ?? 1;
                },
                () => _context.Ec2("DeleteLaunchTemplate", template.TemplateName, ct => _context.Ec2Client.DeleteLaunchTemplateAsync(
                    new DeleteLaunchTemplateRequest { LaunchTemplateName = template.TemplateName }, ct)),
                () => _context.Probe.LaunchTemplateIsOfAsync(template.TemplateName, VpcId));
        }

        private Task CreateGroupAsync()
        {
            var group = _layout.AutoScalingGroup;
            var template = new Aws.AutoScaling.Model.LaunchTemplateSpecification
            {
                LaunchTemplateId = BuildContext.Required(LaunchTemplateId),
                Version = _launchTemplateVersion.ToString(CultureInfo.InvariantCulture),
            };
            var request = new CreateAutoScalingGroupRequest
            {
                AutoScalingGroupName = group.GroupName,
                // On spot the template goes inside the mixed instances policy: a group takes one or the other.
                LaunchTemplate = group.Spot == null ? template : null,
                MixedInstancesPolicy = group.Spot == null ? null : SpotPolicy.Of(group.Spot, template),
                CapacityRebalance = group.Spot?.CapacityRebalance,
                MinSize = group.MinSize,
                MaxSize = group.MaxSize,
                DesiredCapacity = group.DesiredCapacity,
                VPCZoneIdentifier = string.Join(",", _target.LaunchSubnets.Select(s => s.Value)),
                HealthCheckType = group.HealthCheckType,
                HealthCheckGracePeriod = group.HealthCheckGracePeriodSeconds,
                Tags = BuildTags.AutoScaling(group.GroupName, group.GroupTags(VpcId)),
            };
            return _context.CreateNamedAsync("Auto Scaling group " + group.GroupName,
                () => _iamRetry.RunAsync(() => _context.AutoScaling.CreateAutoScalingGroupAsync(request, _context.Cancellation), _context.Session.Log.Note, _context.Cancellation),
                _ => { },
                () => _groupRemoval.DeleteAndWaitAsync(group.GroupName),
                () => _context.Probe.GroupIsOfAsync(group.GroupName, VpcId));
        }
    }
}
