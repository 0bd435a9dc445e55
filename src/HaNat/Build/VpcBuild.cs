using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Iam;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;

namespace HaNat.Build
{
    /// <summary>
    /// Builds a planned HaNat VPC in AWS, one step per write, in dependency order, recording in a
    /// <see cref="BuildJournal"/> how to undo each; <see cref="RollBackAsync"/> undoes them in reverse. The steps are
    /// known before the first runs, so -WhatIf prints the same list the build runs.
    /// </summary>
    internal sealed partial class VpcBuild
    {
        private readonly VpcLayout _layout;
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly IIamClient _iam;
        private readonly IAutoScalingClient _autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm;
        private readonly IamPropagationRetry _iamRetry;
        private readonly GroupRemoval _groupRemoval;
        private readonly NamedResourceProbe _probe;
        private readonly BuiltIds _ids;
        private readonly int? _rootVolumeSizeGiB;
        private readonly string _heartbeatKey;

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
            _probe = new NamedResourceProbe(session, ec2, iam, autoScaling, ssm);
            _heartbeatKey = HeartbeatKey.NewKey();
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

        /// <summary>
        /// Creates a resource that is addressed by name. If the call fails, it may still have made the resource (its
        /// reply was lost, or a retry of a call that had succeeded was refused as AlreadyExists), so an undo is recorded
        /// then too; it deletes the resource only if <paramref name="madeByThisBuild"/> says it carries this build's
        /// VPC id, so a rollback never deletes what another run made under the same name meanwhile.
        /// </summary>
        private async Task CreateNamedAsync<T>(string description, Func<Task<T>> create, Action<T> created, Func<Task> undo, Func<Task<bool>> madeByThisBuild)
        {
            T response;
            try
            {
                response = await create().ConfigureAwait(false);
            }
            catch (AwsCallException)
            {
                Journal.Record(description + " (if the failed call made it)", async () =>
                {
                    if (await madeByThisBuild().ConfigureAwait(false)) await AwsExistence.RemoveAsync(undo).ConfigureAwait(false);
                });
                throw;
            }
            created(response);
            Journal.Record(description, () => AwsExistence.RemoveAsync(undo));
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
