using System.Collections.Generic;
using System.Linq;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// Plans a HaNat VPC from its inputs, with no I/O: checks every input first (each refusal a
    /// <see cref="HaNatException"/> with an ErrorId), then derives every resource's name, tags, addresses and settings.
    /// What needs AWS to check (that the zones, image and key pair exist, that the name is free) is the builder's job.
    /// </summary>
    internal static class VpcLayoutPlanner
    {
        public static VpcLayout Plan(VpcLayoutRequest request)
        {
            var name = LayoutInputRules.CheckName(request.Name);
            var cidr = VpcCidr.Parse(request.CidrBlock);
            var zones = LayoutInputRules.CheckZones(request.AvailabilityZones);
            var region = LayoutInputRules.CheckRegion(request.Region);
            var instanceType = LayoutInputRules.CheckInstanceType(request.InstanceType, request.Architecture);
            var imageId = LayoutInputRules.CheckImageId(request.ImageId);
            var keyName = LayoutInputRules.CheckKeyName(request.KeyName);
            var sshCidr = LayoutInputRules.CheckSshCidr(request.SshCidr);
            var rootDevice = LayoutInputRules.CheckRootDeviceName(request.RootDeviceName);
            var gracePeriod = LayoutInputRules.CheckGracePeriod(request.HealthCheckGracePeriodSeconds);

            var zoneLayouts = zones.Select((zone, index) => new ZoneLayout(name, cidr, index, zone)).ToList();
            var securityGroup = new SecurityGroupLayout(name, IngressRules(SubnetCarving.PrivateHalf(cidr), sshCidr), EgressRules());
            var launchTemplate = new LaunchTemplateLayout(name, request.Architecture, instanceType, imageId, keyName, rootDevice);
            var warnings = Warnings(cidr, sshCidr, keyName, instanceType, request.Architecture);
            return new VpcLayout(name, region, cidr, zoneLayouts, securityGroup, launchTemplate, gracePeriod, sshCidr, warnings);
        }

        /// <summary>
        /// Everything from the half of the VPC where every private subnet lives (the traffic the NAT forwards, also from
        /// private subnets added there later); the heartbeat port and ICMP echo only from the other NATs (the group
        /// itself): the public half, where the NATs live, reaches them with nothing else.
        /// </summary>
        private static IReadOnlyList<SecurityGroupRule> IngressRules(Ipv4Block privateHalf, Ipv4Block? ssh)
        {
            var rules = new List<SecurityGroupRule>
            {
                new SecurityGroupRule("-1", null, null, privateHalf, "Everything from the private subnets' half of the VPC: the traffic the NAT forwards"),
                SecurityGroupRule.FromItself("udp", VpcLayout.HeartbeatPort, VpcLayout.HeartbeatPort, "Heartbeats from the other HaNat NATs"),
                SecurityGroupRule.FromItself("icmp", 8, -1, "ICMP echo from the other HaNat NATs: is a silent peer's host up?"),
            };
            if (ssh != null) rules.Add(new SecurityGroupRule("tcp", 22, 22, ssh, "SSH from " + ssh));
            return rules;
        }

        private static IReadOnlyList<SecurityGroupRule> EgressRules() => new[]
        {
            new SecurityGroupRule("-1", null, null, Ipv4Block.TryParse(VpcLayout.InternetCidr)!, "Everything out: the NAT forwards to the internet"),
        };

        private static IReadOnlyList<string> Warnings(Ipv4Block cidr, Ipv4Block? ssh, string? keyName, string instanceType, NatArchitecture architecture)
        {
            var warnings = new List<string>();
            if (ssh != null && ssh.PrefixLength == 0)
            {
                warnings.Add($"SSH (tcp 22) to the NAT instances is open to the whole internet ({ssh}), as -SshCidr asked. " +
                    "Prefer your own address range, or none and AWS Systems Manager Session Manager.");
            }
            if (keyName != null && ssh == null)
            {
                warnings.Add($"Key pair {keyName} is installed on the NATs, but no SSH rule lets anyone reach them; pass -SshCidr to allow SSH from a range.");
            }
            if (!VpcCidr.IsPrivateRange(cidr))
            {
                warnings.Add($"{cidr} is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10): hosts in the VPC cannot reach whoever owns those addresses on the internet.");
            }
            var implied = NatInstanceTypes.GuessArchitecture(instanceType);
            if (implied != architecture)
            {
                warnings.Add($"Instance type {instanceType} looks like an {implied} type, but the image is {architecture}: the launch fails if they differ. " +
                    $"Use an {architecture} type such as {NatInstanceTypes.DefaultFor(architecture)}, or the {implied} image.");
            }
            return warnings;
        }
    }
}
