using HaNat.Alarms;
using HaNat.Layout;
using HaNat.Network;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// The NATs of a HaNat VPC, planned from the inputs alone (<see cref="NatDeploymentPlanner"/>): the security group
    /// and its rules, per zone an Elastic IP, the role and instance profile, the heartbeat key, the launch template and
    /// the one Auto Scaling group. It names no subnet or VPC id: where it goes is the build's
    /// <see cref="NatDeploymentTarget"/>, so the same layout serves a VPC HaNat builds and one it did not.
    /// </summary>
    internal sealed class NatDeploymentLayout
    {
        internal NatDeploymentLayout(string name, string? region, IReadOnlyList<Ipv4Block> vpcCidrBlocks, IReadOnlyList<NatZoneLayout> zones,
            SecurityGroupLayout natSecurityGroup, LaunchTemplateLayout launchTemplate, int gracePeriodSeconds, Ipv4Block? sshCidr,
            IReadOnlyList<string> warnings, string? servedBy = null, SpotLayout? spot = null, IReadOnlyList<AlarmLayout>? alarms = null)
        {
            Alarms = alarms ?? Array.Empty<AlarmLayout>();
            ServedBy = servedBy;
            Name = name;
            Region = region;
            VpcCidrBlocks = vpcCidrBlocks;
            Zones = zones;
            NatSecurityGroup = natSecurityGroup;
            NatRole = new NatRoleLayout(name, region, SubnetTag);
            NatInstanceProfile = new InstanceProfileLayout(name, region);
            LaunchTemplate = launchTemplate;
            AutoScalingGroup = new AutoScalingGroupLayout(name, zones.Count, gracePeriodSeconds, spot);
            SshCidr = sshCidr;
            Warnings = warnings;
        }

        /// <summary>The UDP port of the NATs' heartbeats: Start-HaNatMonitor's default, and what the NAT group lets in from itself.</summary>
        public const int HeartbeatPort = 4747;

        public string Name { get; }

        /// <summary>Null in a VPC HaNat builds; else the value of hanat:served-by on what the deployment serves.</summary>
        public string? ServedBy { get; }

        /// <summary>The tag of the subnets the NATs serve: network=private, or hanat:served-by=N in a VPC HaNat did not build.</summary>
        public PrivateSubnetTag SubnetTag => ServedBy == null ? PrivateSubnetTag.Parse(null) : PrivateSubnetTag.ServedBy(ServedBy);

        /// <summary>The NAT instances' tags beyond HaNat's own: hanat:served-by, which tells a NAT what it serves.</summary>
        public IReadOnlyList<LayoutTag> ServedTags =>
            ServedBy == null ? Array.Empty<LayoutTag>() : new[] { new LayoutTag(HaNatTags.ServedBy, ServedBy) };

        /// <summary>Null when planned without a region (the CloudFormation template, which uses AWS::Region).</summary>
        public string? Region { get; }

        /// <summary>The VPC's address ranges, as the NATs' user data names them.</summary>
        public IReadOnlyList<Ipv4Block> VpcCidrBlocks { get; }

        /// <summary>One per zone, in the order given; the build's target gives each its subnet.</summary>
        public IReadOnlyList<NatZoneLayout> Zones { get; }

        public SecurityGroupLayout NatSecurityGroup { get; }
        public NatRoleLayout NatRole { get; }
        public InstanceProfileLayout NatInstanceProfile { get; }
        public LaunchTemplateLayout LaunchTemplate { get; }
        public AutoScalingGroupLayout AutoScalingGroup { get; }

        /// <summary>The SSM parameter that holds the NATs' heartbeat key (<see cref="HeartbeatKey"/>).</summary>
        public string HeartbeatKeyParameterName => HeartbeatKey.ParameterName(Name);

        /// <summary>Each zone's CloudWatch alarms, made last (they watch what the NATs publish); none with -NoAlarms.</summary>
        public IReadOnlyList<AlarmLayout> Alarms { get; }

        /// <summary>Where SSH may come from; null when the NATs take no SSH at all.</summary>
        public Ipv4Block? SshCidr { get; }

        /// <summary>Things the layout allows but the user should know, such as SSH open to the whole internet.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Every resource, in the order a builder creates them.</summary>
        public IEnumerable<ResourceLayout> ResourcesInBuildOrder()
        {
            yield return NatSecurityGroup;
            foreach (var zone in Zones) yield return zone.ElasticIp;
            yield return NatRole;
            yield return NatInstanceProfile;
            yield return LaunchTemplate;
            yield return AutoScalingGroup;
        }

        /// <summary>The launch template's user data for the VPC with this id (see <see cref="NatUserData"/>).</summary>
        public string UserData(string vpcId) => NatUserData.Render(Name, string.Join(", ", VpcCidrBlocks.Select(b => b.ToString())), vpcId, SubnetTag.ToString());
    }
}
