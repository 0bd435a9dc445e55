using HaNat.Build;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// Builds a planned NAT deployment into the VPC its <see cref="NatDeploymentTarget"/> names: the security group, an
    /// Elastic IP per zone, the role and instance profile, the heartbeat key, the launch template and the Auto Scaling
    /// group; one <see cref="BuildStep"/> per write, each recording its undo in the context's shared journal. The steps
    /// are known before the first runs (the target's ids need not be), so -WhatIf prints the same list the build runs.
    /// </summary>
    internal sealed partial class NatDeploymentBuild
    {
        private readonly NatDeploymentLayout _layout;
        private readonly NatDeploymentTarget _target;
        private readonly BuildContext _context;
        private readonly IamPropagationRetry _iamRetry;
        private readonly GroupRemoval _groupRemoval;
        private readonly int? _rootVolumeSizeGiB;
        private readonly string _heartbeatKey;
        private readonly string?[] _allocationIds;
        private readonly string?[] _publicIps;
        private string? _roleArn;
        private string? _instanceProfileArn;
        private long _launchTemplateVersion = 1;

        public NatDeploymentBuild(NatDeploymentLayout layout, NatDeploymentTarget target, BuildContext context, int? rootVolumeSizeGiB = null,
            IamPropagationRetry? iamRetry = null, GroupRemoval? groupRemoval = null)
        {
            if (layout.Region == null) throw new ArgumentException("A build needs a layout planned for a region.", nameof(layout));
            if (layout.LaunchTemplate.ImageId == null) throw new ArgumentException("A build needs a layout with an image.", nameof(layout));
            if (target.LaunchSubnets.Count != layout.Zones.Count)
            {
                throw new ArgumentException($"The target names {target.LaunchSubnets.Count} subnets for {layout.Zones.Count} zones: one per zone.", nameof(target));
            }
            _layout = layout;
            _target = target;
            _context = context;
            _iamRetry = iamRetry ?? new IamPropagationRetry();
            _groupRemoval = groupRemoval ?? new GroupRemoval(context.Session, context.Ec2Client, context.AutoScaling);
            _rootVolumeSizeGiB = rootVolumeSizeGiB;
            _heartbeatKey = HeartbeatKey.NewKey();
            _allocationIds = new string?[layout.Zones.Count];
            _publicIps = new string?[layout.Zones.Count];
            Steps = PlanSteps();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        public string? SecurityGroupId { get; private set; }
        public string? LaunchTemplateId { get; private set; }

        /// <summary>Whether the group is made with a mixed instances policy (-Spot).</summary>
        public bool IsSpot => _layout.AutoScalingGroup.Spot != null;
        public IReadOnlyList<string?> AllocationIds => _allocationIds;
        public IReadOnlyList<string?> PublicIps => _publicIps;

        private List<BuildStep> PlanSteps()
        {
            var l = _layout;
            var steps = new List<BuildStep>
            {
                new BuildStep("Create security group", $"{l.NatSecurityGroup.GroupName}", CreateSecurityGroupAsync),
                new BuildStep("Allow inbound", $"{l.NatSecurityGroup.GroupName}: {string.Join("; ", l.NatSecurityGroup.Ingress)}", AuthorizeIngressAsync),
            };
            for (var i = 0; i < l.Zones.Count; i++)
            {
                var index = i;
                steps.Add(new BuildStep("Allocate Elastic IP", $"{l.Zones[i].ElasticIp.Name} ({l.Zones[i].AvailabilityZone})", () => AllocateAddressAsync(index)));
            }
            steps.Add(new BuildStep("Create IAM role", $"{l.NatRole.Path}{l.NatRole.RoleName}", CreateRoleAsync));
            steps.Add(new BuildStep("Put role policy", $"{l.NatRole.PolicyName} on {l.NatRole.RoleName}", PutRolePolicyAsync));
            steps.Add(new BuildStep("Create instance profile", $"{l.NatInstanceProfile.Path}{l.NatInstanceProfile.ProfileName}", CreateInstanceProfileAsync));
            steps.Add(new BuildStep("Add role to instance profile", $"{l.NatRole.RoleName} to {l.NatInstanceProfile.ProfileName}", AddRoleToProfileAsync));
            steps.Add(new BuildStep("Create SSM SecureString parameter", $"{l.HeartbeatKeyParameterName} (heartbeat key)", PutHeartbeatKeyAsync));
            steps.Add(new BuildStep("Create launch template", $"{l.LaunchTemplate.TemplateName} ({l.LaunchTemplate.ImageId}, {l.LaunchTemplate.InstanceType}, IMDSv2 required, encrypted root)", CreateLaunchTemplateAsync));
            steps.Add(new BuildStep("Create Auto Scaling group",
                $"{l.AutoScalingGroup.GroupName} (min = max = desired = {l.AutoScalingGroup.DesiredCapacity}, across {string.Join(", ", _target.LaunchSubnets.Select(s => s.Label))}" +
                (l.AutoScalingGroup.Spot == null ? ")" : $"; {l.AutoScalingGroup.Spot})"),
                CreateGroupAsync));
            // Last: they watch what the NATs publish, and a failure before them leaves no alarm on a deployment that is not there.
            foreach (var alarm in l.Alarms) steps.Add(new BuildStep("Create CloudWatch alarm", alarm.Summary, () => CreateAlarmAsync(alarm)));
            return steps;
        }

        /// <summary>The target VPC's id; every resource made carries it (hanat:vpc-id).</summary>
        private string VpcId => _target.VpcId.Value;
    }
}
