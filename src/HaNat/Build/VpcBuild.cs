using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Iam;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Build
{
    /// <summary>
    /// Builds a planned HaNat VPC: the <see cref="NetworkBuild"/>, then the <see cref="NatDeploymentBuild"/> into it,
    /// its target filled in by the network's steps as they run. Both record in one <see cref="BuildJournal"/>, so
    /// <see cref="RollBackAsync"/> undoes every completed step of either, last first. The steps are known before the
    /// first runs, so -WhatIf prints the same list the build runs.
    /// </summary>
    internal sealed class VpcBuild
    {
        private readonly VpcLayout _layout;
        private readonly BuildContext _context;
        private readonly NetworkBuild _network;
        private readonly NatDeploymentBuild _deployment;

        public VpcBuild(VpcLayout layout, AwsSession session, IAmazonEC2 ec2, IIamClient iam, IAutoScalingClient autoScaling,
            IAmazonSimpleSystemsManagement ssm, int? rootVolumeSizeGiB = null, IamPropagationRetry? iamRetry = null, GroupRemoval? groupRemoval = null)
        {
            _layout = layout;
            _context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            _network = new NetworkBuild(layout.Network, _context);
            _deployment = new NatDeploymentBuild(layout.Deployment, DeploymentTarget(layout, _network), _context,
                rootVolumeSizeGiB, iamRetry, groupRemoval);
            Steps = _network.Steps.Concat(_deployment.Steps).ToList();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        public BuildJournal Journal => _context.Journal;

        /// <summary>Undoes every step that completed, last first; the descriptions of the undos that failed.</summary>
        public Task<IReadOnlyList<string>> RollBackAsync() => Journal.RollBackAsync(_context.Session.Log.Note);

        /// <summary>What was built, once every step has run.</summary>
        public HaNatVpc Result()
        {
            var n = _network;
            var d = _deployment;
            var zones = _layout.Zones.Select((zone, i) => new HaNatVpcZone(zone.AvailabilityZone, n.PublicSubnetIds[i], n.PrivateSubnetIds[i],
                n.PrivateRouteTableIds[i], d.AllocationIds[i], d.PublicIps[i]));
            return new HaNatVpc(_layout.Name, BuildContext.Required(n.VpcId), _layout.Cidr.ToString(), _layout.Region!, zones,
                n.InternetGatewayId, n.PublicRouteTableId, d.SecurityGroupId, _layout.AutoScalingGroup.GroupName,
                d.LaunchTemplateId, _layout.LaunchTemplate.TemplateName, _layout.NatRole.RoleName, _layout.NatInstanceProfile.ProfileName,
                _layout.Deployment.HeartbeatKeyParameterName, isSpot: _layout.Deployment.AutoScalingGroup.Spot != null);
        }

        /// <summary>The new VPC and the subnets the NATs launch in, named as the network plans them and known once its steps ran.</summary>
        private static NatDeploymentTarget DeploymentTarget(VpcLayout layout, NetworkBuild network) =>
            new NatDeploymentTarget(
                LateId.After(layout.Vpc.Name, () => network.VpcId),
                layout.NatLaunchSubnets.Select(subnet => LateId.After(subnet.Name, () => network.SubnetIdOf(subnet))).ToList());
    }
}
