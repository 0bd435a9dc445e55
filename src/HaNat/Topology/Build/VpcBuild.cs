using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Model;
using HaNat.Security;

namespace HaNat.Topology.Build
{
    /// <summary>
    /// Builds a planned HaNat VPC in AWS, one step per write, in dependency order, recording in a
    /// <see cref="BuildJournal"/> how to undo each; <see cref="RollBackAsync"/> undoes them in reverse. The steps are
    /// known before the first runs, so -WhatIf prints the same list the build runs.
    /// </summary>
    public sealed class VpcBuild
    {
        private readonly VpcLayout _layout;
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly IIamClient _iam;
        private readonly IAutoScalingClient _autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm;
        private readonly IamPropagationRetry _iamRetry;
        private readonly GroupRemoval _groupRemoval;
        private readonly BuiltIds _ids;
        private readonly int? _rootVolumeSizeGiB;

        public VpcBuild(VpcLayout layout, AwsSession session, IAmazonEC2 ec2, IIamClient iam, IAutoScalingClient autoScaling,
            IAmazonSimpleSystemsManagement ssm, int? rootVolumeSizeGiB = null, IamPropagationRetry? iamRetry = null, GroupRemoval? groupRemoval = null)
        {
            if (layout.Region == null) throw new ArgumentException("A build needs a layout planned for a region.", nameof(layout));
            if (layout.LaunchTemplate.ImageId == null) throw new ArgumentException("A build needs a layout with an image.", nameof(layout));
            _layout = layout;
            _session = session;
            _ec2 = ec2;
            _iam = iam;
            _autoScaling = autoScaling;
            _ssm = ssm;
            _iamRetry = iamRetry ?? new IamPropagationRetry();
            _groupRemoval = groupRemoval ?? new GroupRemoval(session, ec2, autoScaling);
            _ids = new BuiltIds(layout.Zones.Count);
            _rootVolumeSizeGiB = rootVolumeSizeGiB;
            Steps = PlanSteps();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        public BuildJournal Journal { get; } = new BuildJournal();

        /// <summary>Undoes every step that completed, last first; the descriptions of the undos that failed.</summary>
        public Task<IReadOnlyList<string>> RollBackAsync() => Journal.RollBackAsync(_session.Log.Note);

        /// <summary>What was built, once every step has run.</summary>
        public HaNatVpc Result()
        {
            var zones = _layout.Zones.Select((zone, i) => new HaNatVpcZone(zone.AvailabilityZone, _ids.PublicSubnets[i], _ids.PrivateSubnets[i],
                _ids.PrivateRouteTables[i], _ids.Allocations[i], _ids.PublicIps[i]));
            return new HaNatVpc(_layout.Name, Required(_ids.VpcId), _layout.Cidr.ToString(), _layout.Region!, zones,
                _ids.InternetGatewayId, _ids.PublicRouteTableId, _ids.SecurityGroupId, _layout.AutoScalingGroup.GroupName,
                _ids.LaunchTemplateId, _layout.LaunchTemplate.TemplateName, _layout.NatRole.RoleName, _layout.NatInstanceProfile.ProfileName,
                HeartbeatKey.ParameterName(_layout.Name));
        }

        private List<BuildStep> PlanSteps()
        {
            var l = _layout;
            var steps = new List<BuildStep>
            {
                new BuildStep("Create VPC", $"{l.Vpc.Name} ({l.Cidr})", CreateVpcAsync),
                new BuildStep("Turn on DNS support and DNS hostnames", l.Vpc.Name, EnableDnsAsync),
                new BuildStep("Create internet gateway", l.InternetGateway.Name, CreateInternetGatewayAsync),
                new BuildStep("Attach internet gateway", $"{l.InternetGateway.Name} to {l.Vpc.Name}", AttachInternetGatewayAsync),
                new BuildStep("Create route table", l.PublicRouteTable.Name, CreatePublicRouteTableAsync),
                new BuildStep("Create route", $"{VpcLayout.InternetCidr} to {l.InternetGateway.Name} in {l.PublicRouteTable.Name}", CreatePublicRouteAsync),
            };
            for (var i = 0; i < l.Zones.Count; i++)
            {
                var zone = l.Zones[i];
                var index = i;
                steps.Add(new BuildStep("Create subnet", $"{zone.PublicSubnet.Name} ({zone.PublicSubnet.Cidr}, {zone.AvailabilityZone})", () => CreateSubnetAsync(index, false)));
                steps.Add(new BuildStep("Associate route table", $"{zone.PublicSubnet.Name} with {l.PublicRouteTable.Name}", () => AssociatePublicAsync(index)));
                steps.Add(new BuildStep("Create subnet", $"{zone.PrivateSubnet.Name} ({zone.PrivateSubnet.Cidr}, {zone.AvailabilityZone}, network=private)", () => CreateSubnetAsync(index, true)));
                steps.Add(new BuildStep("Create route table", $"{zone.PrivateRouteTable.Name} (no default route until the zone's NAT takes it over)", () => CreatePrivateRouteTableAsync(index)));
                steps.Add(new BuildStep("Associate route table", $"{zone.PrivateSubnet.Name} with {zone.PrivateRouteTable.Name}", () => AssociatePrivateAsync(index)));
            }
            steps.Add(new BuildStep("Create security group", $"{l.NatSecurityGroup.GroupName}", CreateSecurityGroupAsync));
            steps.Add(new BuildStep("Allow inbound", $"{l.NatSecurityGroup.GroupName}: {string.Join("; ", l.NatSecurityGroup.Ingress)}", AuthorizeIngressAsync));
            for (var i = 0; i < l.Zones.Count; i++)
            {
                var index = i;
                steps.Add(new BuildStep("Allocate Elastic IP", $"{l.Zones[i].ElasticIp.Name} ({l.Zones[i].AvailabilityZone})", () => AllocateAddressAsync(index)));
            }
            steps.Add(new BuildStep("Create IAM role", $"{l.NatRole.Path}{l.NatRole.RoleName}", CreateRoleAsync));
            steps.Add(new BuildStep("Put role policy", $"{l.NatRole.PolicyName} on {l.NatRole.RoleName}", PutRolePolicyAsync));
            steps.Add(new BuildStep("Create instance profile", $"{l.NatInstanceProfile.Path}{l.NatInstanceProfile.ProfileName}", CreateInstanceProfileAsync));
            steps.Add(new BuildStep("Add role to instance profile", $"{l.NatRole.RoleName} to {l.NatInstanceProfile.ProfileName}", AddRoleToProfileAsync));
            steps.Add(new BuildStep("Create SSM SecureString parameter", $"{HeartbeatKey.ParameterName(l.Name)} (heartbeat key)", PutHeartbeatKeyAsync));
            steps.Add(new BuildStep("Create launch template", $"{l.LaunchTemplate.TemplateName} ({l.LaunchTemplate.ImageId}, {l.LaunchTemplate.InstanceType}, IMDSv2 required, encrypted root)", CreateLaunchTemplateAsync));
            steps.Add(new BuildStep("Create Auto Scaling group",
                $"{l.AutoScalingGroup.GroupName} (min = max = desired = {l.AutoScalingGroup.DesiredCapacity}, across {string.Join(", ", l.Zones.Select(z => z.PublicSubnet.Name))})",
                CreateGroupAsync));
            return steps;
        }

        private string VpcId => Required(_ids.VpcId);

        private async Task CreateVpcAsync()
        {
            var request = new CreateVpcRequest { CidrBlock = _layout.Cidr.ToString(), TagSpecifications = BuildTags.Ec2("vpc", _layout.Vpc.Tags) };
            var response = await Ec2("CreateVpc", _layout.Cidr.ToString(), ct => _ec2.CreateVpcAsync(request, ct)).ConfigureAwait(false);
            var id = response.Vpc.VpcId;
            _ids.VpcId = id;
            Journal.Record("VPC " + id, () => Ec2("DeleteVpc", id, ct => _ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = id }, ct)));
        }

        // EC2 takes one attribute per call. Hostnames let the NATs and private hosts resolve AWS endpoints by name.
        private async Task EnableDnsAsync()
        {
            await Ec2("ModifyVpcAttribute", VpcId + " EnableDnsSupport", ct => _ec2.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = VpcId, EnableDnsSupport = true }, ct)).ConfigureAwait(false);
            await Ec2("ModifyVpcAttribute", VpcId + " EnableDnsHostnames", ct => _ec2.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = VpcId, EnableDnsHostnames = true }, ct)).ConfigureAwait(false);
        }

        private async Task CreateInternetGatewayAsync()
        {
            var request = new CreateInternetGatewayRequest { TagSpecifications = BuildTags.Ec2("internet-gateway", _layout.InternetGateway.TagsWithVpcId(VpcId)) };
            var response = await Ec2("CreateInternetGateway", string.Empty, ct => _ec2.CreateInternetGatewayAsync(request, ct)).ConfigureAwait(false);
            var id = response.InternetGateway.InternetGatewayId;
            _ids.InternetGatewayId = id;
            Journal.Record("internet gateway " + id, () => Ec2("DeleteInternetGateway", id,
                ct => _ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, ct)));
        }

        private async Task AttachInternetGatewayAsync()
        {
            var id = Required(_ids.InternetGatewayId);
            var vpc = VpcId;
            await Ec2("AttachInternetGateway", $"{id} to {vpc}", ct => _ec2.AttachInternetGatewayAsync(
                new AttachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)).ConfigureAwait(false);
            Journal.Record($"attachment of {id} to {vpc}", () => Ec2("DetachInternetGateway", $"{id} from {vpc}",
                ct => _ec2.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)));
        }

        private async Task CreatePublicRouteTableAsync() =>
            _ids.PublicRouteTableId = await CreateRouteTableAsync(_layout.PublicRouteTable).ConfigureAwait(false);

        private async Task CreatePrivateRouteTableAsync(int zone) =>
            _ids.PrivateRouteTables[zone] = await CreateRouteTableAsync(_layout.Zones[zone].PrivateRouteTable).ConfigureAwait(false);

        private async Task<string> CreateRouteTableAsync(ResourceLayout table)
        {
            var request = new CreateRouteTableRequest { VpcId = VpcId, TagSpecifications = BuildTags.Ec2("route-table", table.TagsWithVpcId(VpcId)) };
            var response = await Ec2("CreateRouteTable", table.Name, ct => _ec2.CreateRouteTableAsync(request, ct)).ConfigureAwait(false);
            var id = response.RouteTable.RouteTableId;
            Journal.Record("route table " + id, () => Ec2("DeleteRouteTable", id,
                ct => _ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, ct)));
            return id;
        }

        // The route goes with its table; it needs no undo of its own.
        private Task CreatePublicRouteAsync()
        {
            var request = new CreateRouteRequest
            {
                RouteTableId = Required(_ids.PublicRouteTableId),
                DestinationCidrBlock = VpcLayout.InternetCidr,
                GatewayId = Required(_ids.InternetGatewayId),
            };
            return Ec2("CreateRoute", $"{request.RouteTableId} {VpcLayout.InternetCidr} -> {request.GatewayId}", ct => _ec2.CreateRouteAsync(request, ct));
        }

        private async Task CreateSubnetAsync(int zone, bool isPrivate)
        {
            var layout = isPrivate ? _layout.Zones[zone].PrivateSubnet : _layout.Zones[zone].PublicSubnet;
            var request = new CreateSubnetRequest
            {
                VpcId = VpcId,
                CidrBlock = layout.Cidr.ToString(),
                AvailabilityZone = layout.AvailabilityZone,
                TagSpecifications = BuildTags.Ec2("subnet", layout.TagsWithVpcId(VpcId)),
            };
            var response = await Ec2("CreateSubnet", $"{layout.Cidr} {layout.AvailabilityZone}", ct => _ec2.CreateSubnetAsync(request, ct)).ConfigureAwait(false);
            var id = response.Subnet.SubnetId;
            if (isPrivate) _ids.PrivateSubnets[zone] = id;
            else _ids.PublicSubnets[zone] = id;
            Journal.Record("subnet " + id, () => Ec2("DeleteSubnet", id, ct => _ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = id }, ct)));
        }

        private Task AssociatePublicAsync(int zone) => AssociateAsync(Required(_ids.PublicRouteTableId), Required(_ids.PublicSubnets[zone]));

        private Task AssociatePrivateAsync(int zone) => AssociateAsync(Required(_ids.PrivateRouteTables[zone]), Required(_ids.PrivateSubnets[zone]));

        private async Task AssociateAsync(string tableId, string subnetId)
        {
            var response = await Ec2("AssociateRouteTable", $"{subnetId} with {tableId}", ct => _ec2.AssociateRouteTableAsync(
                new AssociateRouteTableRequest { RouteTableId = tableId, SubnetId = subnetId }, ct)).ConfigureAwait(false);
            var association = response.AssociationId;
            Journal.Record($"association of {subnetId} with {tableId}", () => Ec2("DisassociateRouteTable", association,
                ct => _ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association }, ct)));
        }

        private async Task CreateSecurityGroupAsync()
        {
            var group = _layout.NatSecurityGroup;
            var request = new CreateSecurityGroupRequest
            {
                GroupName = group.GroupName,
                Description = group.Description,
                VpcId = VpcId,
                TagSpecifications = BuildTags.Ec2("security-group", group.TagsWithVpcId(VpcId)),
            };
            var response = await Ec2("CreateSecurityGroup", group.GroupName, ct => _ec2.CreateSecurityGroupAsync(request, ct)).ConfigureAwait(false);
            var id = response.GroupId;
            _ids.SecurityGroupId = id;
            Journal.Record("security group " + id, () => Ec2("DeleteSecurityGroup", id,
                ct => _ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, ct)));
        }

        // Only ingress: EC2 gives every new group the layout's one egress rule (everything out) by itself, and
        // authorizing it again would fail as a duplicate.
        private Task AuthorizeIngressAsync()
        {
            var permissions = _layout.NatSecurityGroup.Ingress.Select(rule => new IpPermission
            {
                IpProtocol = rule.IpProtocol,
                FromPort = rule.FromPort,
                ToPort = rule.ToPort,
                Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = rule.Cidr.ToString(), Description = rule.Description } },
            }).ToList();
            var request = new AuthorizeSecurityGroupIngressRequest { GroupId = Required(_ids.SecurityGroupId), IpPermissions = permissions };
            return Ec2("AuthorizeSecurityGroupIngress", $"{request.GroupId} {string.Join("; ", _layout.NatSecurityGroup.Ingress)}",
                ct => _ec2.AuthorizeSecurityGroupIngressAsync(request, ct));
        }

        private async Task AllocateAddressAsync(int zone)
        {
            var address = _layout.Zones[zone].ElasticIp;
            var request = new AllocateAddressRequest { Domain = DomainType.Vpc, TagSpecifications = BuildTags.Ec2("elastic-ip", address.TagsWithVpcId(VpcId)) };
            var response = await Ec2("AllocateAddress", address.Name, ct => _ec2.AllocateAddressAsync(request, ct)).ConfigureAwait(false);
            var id = response.AllocationId;
            _ids.Allocations[zone] = id;
            _ids.PublicIps[zone] = response.PublicIp;
            Journal.Record($"Elastic IP {response.PublicIp} ({id})", () => Ec2("ReleaseAddress", id,
                ct => _ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = id }, ct)));
        }

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
                () => _iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role.RoleName }, _session.Cancellation)).ConfigureAwait(false);
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
                () => _iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = profile.ProfileName }, _session.Cancellation)).ConfigureAwait(false);
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
                Value = HeartbeatKey.NewKey(),
                Overwrite = false,
                Tags = BuildTags.Ssm(HeartbeatKey.Tags(_layout.Name, VpcId)),
            };
            return CreateNamedAsync("SSM parameter " + name,
                () => _session.Call("SSM", "PutParameter", name + " SecureString", ct => _ssm.PutParameterAsync(request, ct)),
                _ => { },
                () => _session.Call("SSM", "DeleteParameter", name, ct => _ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = name }, ct)));
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
                    new DeleteLaunchTemplateRequest { LaunchTemplateName = template.TemplateName }, ct)));
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
                () => _groupRemoval.DeleteAndWaitAsync(group.GroupName));
        }

        /// <summary>
        /// Creates a resource that is addressed by name. The preflight proved the name free, so a create that failed
        /// ambiguously (connection lost, service error) may still have made it: its undo is recorded then too, and
        /// tolerates finding nothing. A clear refusal (for example AlreadyExists, when another build took the name
        /// meanwhile) records nothing, so a rollback never deletes what another run made.
        /// </summary>
        private async Task CreateNamedAsync<T>(string description, Func<Task<T>> create, Action<T> created, Func<Task> undo)
        {
            async Task UndoTolerant() => await AwsExistence.RemoveAsync(undo).ConfigureAwait(false);
            T response;
            try
            {
                response = await create().ConfigureAwait(false);
            }
            catch (Exception ex) when (AwsErrors.IsAmbiguous(ex))
            {
                Journal.Record(description + " (if the failed call made it)", UndoTolerant);
                throw;
            }
            created(response);
            Journal.Record(description, UndoTolerant);
        }

        private Task<T> Ec2<T>(string operation, string detail, Func<System.Threading.CancellationToken, Task<T>> call) =>
            _session.Call("EC2", operation, detail, call);

        private static string Required(string? id) =>
            id ?? throw new InvalidOperationException("A build step ran before the step that creates what it needs.");

        /// <summary>The ids the steps create, for the steps after them and for the result.</summary>
        private sealed class BuiltIds
        {
            public BuiltIds(int zones)
            {
                PublicSubnets = new string?[zones];
                PrivateSubnets = new string?[zones];
                PrivateRouteTables = new string?[zones];
                Allocations = new string?[zones];
                PublicIps = new string?[zones];
            }

            public string? VpcId;
            public string? InternetGatewayId;
            public string? PublicRouteTableId;
            public string? SecurityGroupId;
            public string? RoleArn;
            public string? InstanceProfileArn;
            public string? LaunchTemplateId;
            public long LaunchTemplateVersion = 1;
            public readonly string?[] PublicSubnets;
            public readonly string?[] PrivateSubnets;
            public readonly string?[] PrivateRouteTables;
            public readonly string?[] Allocations;
            public readonly string?[] PublicIps;
        }
    }
}
