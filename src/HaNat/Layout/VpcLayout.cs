using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// Everything a HaNat VPC consists of, planned from the inputs alone (<see cref="VpcLayoutPlanner"/>): no AWS call
    /// has been made. It is two pieces, the <see cref="Network"/> and the NAT <see cref="Deployment"/> that serves it;
    /// its other members forward to them, for the readers that see the VPC whole. New-HaNatVpc builds it,
    /// Export-HaNatTemplate writes it as CloudFormation, -WhatIf prints it.
    /// </summary>
    internal sealed class VpcLayout
    {
        internal VpcLayout(NetworkLayout network, NatDeploymentLayout deployment)
        {
            Network = network;
            Deployment = deployment;
            Zones = network.Zones.Zip(deployment.Zones, (n, d) => new ZoneLayout(n, d)).ToList();
        }

        public NetworkLayout Network { get; }
        public NatDeploymentLayout Deployment { get; }

        /// <summary>The destination of the public route table's default route, and of the NATs' egress.</summary>
        public const string InternetCidr = NetworkLayout.InternetCidr;

        /// <summary>The UDP port of the NATs' heartbeats: Start-HaNatMonitor's default, and what the NAT group lets in from itself.</summary>
        public const int HeartbeatPort = NatDeploymentLayout.HeartbeatPort;

        public string Name => Network.Name;

        /// <summary>Null when planned without a region (the CloudFormation template, which uses AWS::Region).</summary>
        public string? Region => Deployment.Region;

        public Ipv4Block Cidr => Network.Cidr;

        /// <summary>The prefix length of every subnet: the VPC's plus <see cref="SubnetCarving.SlotBits"/>.</summary>
        public int SubnetPrefixLength => Network.SubnetPrefixLength;

        public IReadOnlyList<ZoneLayout> Zones { get; }

        public ResourceLayout Vpc => Network.Vpc;
        public ResourceLayout InternetGateway => Network.InternetGateway;
        public ResourceLayout PublicRouteTable => Network.PublicRouteTable;

        public SecurityGroupLayout NatSecurityGroup => Deployment.NatSecurityGroup;
        public NatRoleLayout NatRole => Deployment.NatRole;
        public InstanceProfileLayout NatInstanceProfile => Deployment.NatInstanceProfile;
        public LaunchTemplateLayout LaunchTemplate => Deployment.LaunchTemplate;
        public AutoScalingGroupLayout AutoScalingGroup => Deployment.AutoScalingGroup;

        /// <summary>
        /// Where the NATs launch, one per zone in zone order: the public subnets, whose table sends 0.0.0.0/0 to the
        /// internet gateway. The build's <see cref="NatDeploymentTarget"/> takes its subnets from these.
        /// </summary>
        public IReadOnlyList<SubnetLayout> NatLaunchSubnets => Zones.Select(z => z.PublicSubnet).ToList();

        /// <summary>Where SSH may come from; null when the NATs take no SSH at all.</summary>
        public Ipv4Block? SshCidr => Deployment.SshCidr;

        /// <summary>Things the layout allows but the user should know; the network raises none of its own.</summary>
        public IReadOnlyList<string> Warnings => Deployment.Warnings;

        /// <summary>Every resource, in the order a builder creates them (and the reverse of the order it deletes them).</summary>
        public IEnumerable<ResourceLayout> ResourcesInBuildOrder() => Network.ResourcesInBuildOrder().Concat(Deployment.ResourcesInBuildOrder());

        /// <summary>The launch template's user data for the VPC with this id (see <see cref="NatUserData"/>).</summary>
        public string UserData(string vpcId) => Deployment.UserData(vpcId);
    }
}
