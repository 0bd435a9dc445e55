using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam.Model;
using HaNat.NatDeployment;
using HaNat.Policies;

namespace HaNat.Build
{
    /// <summary>The NAT steps of a build: IAM role and profile, heartbeat key, launch template, Auto Scaling group.</summary>
    internal sealed partial class VpcBuild
    {
        private async Task CreateRoleAsync()
        {
            var role = _layout.NatRole;
            var trust = role.TrustPolicy.ToJson(new ArnContext(AwsPartition.OfRegion(_layout.Region!)), indented: false);
            var request = new CreateRoleRequest
            {
                RoleName = role.RoleName,
                Path = role.Path,
                AssumeRolePolicyDocument = trust,
                Description = $"HaNat NAT instances of VPC {_layout.Name} in {_layout.Region}",
                Tags = BuildTags.Iam(role.TagsWithVpcId(VpcId)),
            };
            await CreateNamedAsync("IAM role " + role.RoleName,
                () => _iam.CreateRoleAsync(request, _session.Cancellation),
                response => _ids.RoleArn = response.Role?.Arn,
                () => _iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role.RoleName }, _session.Cancellation),
                () => _probe.RoleIsOfAsync(role.RoleName, VpcId)).ConfigureAwait(false);
        }

        /// <summary>The NatInstance policy, its ARNs narrowed to this partition, region and account (read from the role's ARN).</summary>
        private async Task PutRolePolicyAsync()
        {
            var role = _layout.NatRole;
            var (partition, account) = AwsPartition.OfArn(_ids.RoleArn);
            var context = new ArnContext(partition ?? AwsPartition.OfRegion(_layout.Region!), _layout.Region!, account ?? "*");
            var request = new PutRolePolicyRequest { RoleName = role.RoleName, PolicyName = role.PolicyName, PolicyDocument = role.Policy.ToJson(context, indented: false) };
            await _iam.PutRolePolicyAsync(request, _session.Cancellation).ConfigureAwait(false);
            Journal.Record($"policy {role.PolicyName} of {role.RoleName}", () => _iam.DeleteRolePolicyAsync(
                new DeleteRolePolicyRequest { RoleName = role.RoleName, PolicyName = role.PolicyName }, _session.Cancellation));
        }

        private async Task CreateInstanceProfileAsync()
        {
            var profile = _layout.NatInstanceProfile;
            var request = new CreateInstanceProfileRequest
            {
                InstanceProfileName = profile.ProfileName,
                Path = profile.Path,
                Tags = BuildTags.Iam(profile.TagsWithVpcId(VpcId)),
            };
            await CreateNamedAsync("instance profile " + profile.ProfileName,
                () => _iam.CreateInstanceProfileAsync(request, _session.Cancellation),
                response => _ids.InstanceProfileArn = response.InstanceProfile?.Arn,
                () => _iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = profile.ProfileName }, _session.Cancellation),
                () => _probe.InstanceProfileIsOfAsync(profile.ProfileName, VpcId)).ConfigureAwait(false);
        }

        private async Task AddRoleToProfileAsync()
        {
            var profile = _layout.NatInstanceProfile.ProfileName;
            var role = _layout.NatRole.RoleName;
            await _iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest { InstanceProfileName = profile, RoleName = role }, _session.Cancellation).ConfigureAwait(false);
            Journal.Record($"role {role} in instance profile {profile}", () => _iam.RemoveRoleFromInstanceProfileAsync(
                new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile, RoleName = role }, _session.Cancellation));
        }

        private Task PutHeartbeatKeyAsync()
        {
            var name = HeartbeatKey.ParameterName(_layout.Name);
            var request = new PutParameterRequest
            {
                Name = name,
                Description = HeartbeatKey.Description(_layout.Name),
                Type = ParameterType.SecureString,
                Value = _heartbeatKey,
                Overwrite = false,
                Tags = BuildTags.Ssm(HeartbeatKey.Tags(_layout.Name, VpcId)),
            };
            return CreateNamedAsync("SSM parameter " + name,
                () => _session.Call("SSM", "PutParameter", name + " SecureString", ct => _ssm.PutParameterAsync(request, ct)),
                _ => { },
                () => _session.Call("SSM", "DeleteParameter", name, ct => _ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = name }, ct)),
                () => _probe.ParameterHoldsAsync(name, _heartbeatKey));
        }

        private Task CreateLaunchTemplateAsync()
        {
            var template = _layout.LaunchTemplate;
            var launchedTags = template.LaunchedResources.TagsWithVpcId(VpcId);
            var data = new RequestLaunchTemplateData
            {
                ImageId = template.ImageId,
                InstanceType = template.InstanceType,
                KeyName = template.KeyName,
                IamInstanceProfile = new LaunchTemplateIamInstanceProfileSpecificationRequest { Arn = Required(_ids.InstanceProfileArn) },
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
                        Groups = new List<string> { Required(_ids.SecurityGroupId) },
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
            return CreateNamedAsync("launch template " + template.TemplateName,
                () => _iamRetry.RunAsync(() => Ec2("CreateLaunchTemplate", template.TemplateName, ct => _ec2.CreateLaunchTemplateAsync(request, ct)),
                    _session.Log.Note, _session.Cancellation),
                response =>
                {
                    _ids.LaunchTemplateId = response.LaunchTemplate.LaunchTemplateId;
                    _ids.LaunchTemplateVersion = response.LaunchTemplate.LatestVersionNumber ?? 1;
                },
                () => Ec2("DeleteLaunchTemplate", template.TemplateName, ct => _ec2.DeleteLaunchTemplateAsync(
                    new DeleteLaunchTemplateRequest { LaunchTemplateName = template.TemplateName }, ct)),
                () => _probe.LaunchTemplateIsOfAsync(template.TemplateName, VpcId));
        }

        private Task CreateGroupAsync()
        {
            var group = _layout.AutoScalingGroup;
            var request = new CreateAutoScalingGroupRequest
            {
                AutoScalingGroupName = group.GroupName,
                LaunchTemplate = new Aws.AutoScaling.Model.LaunchTemplateSpecification
                {
                    LaunchTemplateId = Required(_ids.LaunchTemplateId),
                    Version = _ids.LaunchTemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                MinSize = group.MinSize,
                MaxSize = group.MaxSize,
                DesiredCapacity = group.DesiredCapacity,
                VPCZoneIdentifier = string.Join(",", _ids.PublicSubnets.Select(Required)),
                HealthCheckType = group.HealthCheckType,
                HealthCheckGracePeriod = group.HealthCheckGracePeriodSeconds,
                Tags = BuildTags.AutoScaling(group.GroupName, group.GroupTags(VpcId)),
            };
            return CreateNamedAsync("Auto Scaling group " + group.GroupName,
                () => _iamRetry.RunAsync(() => _autoScaling.CreateAutoScalingGroupAsync(request, _session.Cancellation), _session.Log.Note, _session.Cancellation),
                _ => { },
                () => _groupRemoval.DeleteAndWaitAsync(group.GroupName),
                () => _probe.GroupIsOfAsync(group.GroupName, VpcId));
        }
    }
}
