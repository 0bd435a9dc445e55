using System.Collections.Generic;
using System.Linq;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// Everything a HaNat VPC consists of, planned from the inputs alone (<see cref="VpcLayoutPlanner"/>): no AWS call
    /// has been made. New-HaNatVpc builds it, Export-HaNatTemplate writes it as CloudFormation, -WhatIf prints it.
    /// </summary>
    internal sealed class VpcLayout
    {
        internal VpcLayout(string name, string? region, Ipv4Block cidr, IReadOnlyList<ZoneLayout> zones, SecurityGroupLayout natSecurityGroup,
            LaunchTemplateLayout launchTemplate, int gracePeriodSeconds, Ipv4Block? sshCidr, IReadOnlyList<string> warnings)
        {
            Name = name;
            Region = region;
            Cidr = cidr;
            Zones = zones;
            Vpc = new ResourceLayout(LayoutComponents.Vpc, name);
            InternetGateway = new ResourceLayout(LayoutComponents.InternetGateway, name);
            PublicRouteTable = new ResourceLayout(LayoutComponents.PublicRouteTable, name);
            NatSecurityGroup = natSecurityGroup;
            NatRole = new NatRoleLayout(name, region);
            NatInstanceProfile = new InstanceProfileLayout(name, region);
            LaunchTemplate = launchTemplate;
            AutoScalingGroup = new AutoScalingGroupLayout(name, zones.Select(z => z.PublicSubnet).ToList(), gracePeriodSeconds);
            SshCidr = sshCidr;
            Warnings = warnings;
        }

        public string Name { get; }

        /// <summary>Null when planned without a region (the CloudFormation template, which uses AWS::Region).</summary>
        public string? Region { get; }

        public Ipv4Block Cidr { get; }

        /// <summary>The prefix length of every subnet: the VPC's plus <see cref="SubnetCarving.SlotBits"/>.</summary>
        public int SubnetPrefixLength => SubnetCarving.SubnetPrefixLength(Cidr);

        public IReadOnlyList<ZoneLayout> Zones { get; }

        public ResourceLayout Vpc { get; }
        public ResourceLayout InternetGateway { get; }

        /// <summary>Shared by every public subnet: 0.0.0.0/0 to the internet gateway.</summary>
        public ResourceLayout PublicRouteTable { get; }

        public SecurityGroupLayout NatSecurityGroup { get; }
        public NatRoleLayout NatRole { get; }
        public InstanceProfileLayout NatInstanceProfile { get; }
        public LaunchTemplateLayout LaunchTemplate { get; }
        public AutoScalingGroupLayout AutoScalingGroup { get; }

        /// <summary>Where SSH may come from; null when the NATs take no SSH at all.</summary>
        public Ipv4Block? SshCidr { get; }

        /// <summary>Things the layout allows but the user should know, such as SSH open to the whole internet.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The destination of the public route table's default route, and of the NATs' egress.</summary>
        public const string InternetCidr = "0.0.0.0/0";

        /// <summary>The UDP port of the NATs' heartbeats: Start-HaNatMonitor's default, and what the NAT group lets in from itself.</summary>
        public const int HeartbeatPort = 4747;

        /// <summary>Every resource, in the order a builder creates them (and the reverse of the order it deletes them).</summary>
        public IEnumerable<ResourceLayout> ResourcesInBuildOrder()
        {
            yield return Vpc;
            yield return InternetGateway;
            yield return PublicRouteTable;
            foreach (var zone in Zones)
            {
                yield return zone.PublicSubnet;
                yield return zone.PrivateSubnet;
                yield return zone.PrivateRouteTable;
            }
            yield return NatSecurityGroup;
            foreach (var zone in Zones) yield return zone.ElasticIp;
            yield return NatRole;
            yield return NatInstanceProfile;
            yield return LaunchTemplate;
            yield return AutoScalingGroup;
        }

        /// <summary>The launch template's user data for the VPC with this id (see <see cref="NatUserData"/>).</summary>
        public string UserData(string vpcId) => NatUserData.Render(Name, Cidr.ToString(), vpcId);
    }
}
