using HaNat.Alarms;
using HaNat.Layout;
using HaNat.Model;
using HaNat.Network;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// Plans a NAT deployment from its inputs, with no I/O and no network layout: checks every input first (each
    /// refusal a <see cref="HaNatException"/> with an ErrorId), then derives every resource's name, tags and settings.
    /// </summary>
    internal static class NatDeploymentPlanner
    {
        public static NatDeploymentLayout Plan(NatDeploymentRequest request)
        {
            var name = LayoutInputRules.CheckName(request.Name);
            var zones = LayoutInputRules.CheckZones(request.AvailabilityZones);
            var region = LayoutInputRules.CheckRegion(request.Region);
            var instanceType = LayoutInputRules.CheckInstanceType(request.Nat.InstanceType, request.Nat.Architecture);
            var imageId = LayoutInputRules.CheckImageId(request.Nat.ImageId);
            var keyName = LayoutInputRules.CheckKeyName(request.Nat.KeyName);
            var sshCidr = LayoutInputRules.CheckSshCidr(request.Nat.SshCidr);
            var rootDevice = LayoutInputRules.CheckRootDeviceName(request.Nat.RootDeviceName);
            var gracePeriod = LayoutInputRules.CheckGracePeriod(request.Nat.HealthCheckGracePeriodSeconds);
            var alarmAction = AlarmPlanner.CheckAlarmAction(request.Nat.AlarmAction, request.Nat.Alarms);
            // The ranges come parsed, from a network plan or a read of the VPC, never from the user directly.
            if (request.VpcCidrBlocks.Count == 0) throw new ArgumentException("A NAT deployment needs the VPC's CIDR blocks.", nameof(request));
            if (request.ForwardedRanges.Count == 0) throw new ArgumentException("A NAT deployment needs the ranges it forwards for.", nameof(request));

            var zoneLayouts = zones.Select((zone, index) => new NatZoneLayout(name, index, zone)).ToList();
            var ingress = IngressRules(request.ForwardedRanges, request.ForwardedRangesDescription, sshCidr);
            var securityGroup = new SecurityGroupLayout(name, ingress, EgressRules());
            var launchTemplate = new LaunchTemplateLayout(name, request.Nat.Architecture, instanceType, imageId, keyName, rootDevice);
            var spot = request.Nat.Spot ? new SpotLayout(SpotInstanceTypes.Overrides(instanceType), zones.Count) : null;
            var warnings = Warnings(request.VpcCidrBlocks, sshCidr, keyName, instanceType, request.Nat.Architecture, spot);
            if (AlarmPlanner.RegionWarning(alarmAction, region) is string alarmWarning) warnings.Add(alarmWarning);
            var alarms = AlarmPlanner.Plan(name, zones, alarmAction, request.Nat.Alarms);
            return new NatDeploymentLayout(name, region, request.VpcCidrBlocks, zoneLayouts, securityGroup, launchTemplate, gracePeriod, sshCidr, warnings, request.ServedBy, spot,
                alarms);
        }

        /// <summary>
        /// Everything from the ranges the NATs forward for (in a VPC HaNat builds, the half where every private subnet
        /// lives, so private subnets added there later are served too); the heartbeat port and ICMP echo only from the
        /// other NATs (the group itself): the public subnets, where the NATs live, reach them with nothing else.
        /// </summary>
        private static IReadOnlyList<SecurityGroupRule> IngressRules(IReadOnlyList<Ipv4Block> forwarded, string forwardedDescription, Ipv4Block? ssh)
        {
            var rules = forwarded
                .Select(range => new SecurityGroupRule("-1", null, null, range, $"Everything from {forwardedDescription}: the traffic the NAT forwards"))
                .ToList();
            rules.Add(SecurityGroupRule.FromItself("udp", NatDeploymentLayout.HeartbeatPort, NatDeploymentLayout.HeartbeatPort, "Heartbeats from the other HaNat NATs"));
            rules.Add(SecurityGroupRule.FromItself("icmp", 8, -1, "ICMP echo from the other HaNat NATs: is a silent peer's host up?"));
            if (ssh != null) rules.Add(new SecurityGroupRule("tcp", 22, 22, ssh, "SSH from " + ssh));
            return rules;
        }

        private static IReadOnlyList<SecurityGroupRule> EgressRules() => new[]
        {
            new SecurityGroupRule("-1", null, null, Ipv4Block.TryParse(NetworkLayout.InternetCidr)!, "Everything out: the NAT forwards to the internet"),
        };

        private static List<string> Warnings(IReadOnlyList<Ipv4Block> vpcBlocks, Ipv4Block? ssh, string? keyName, string instanceType, NatArchitecture architecture,
            SpotLayout? spot)
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
            // The NATs' concern: traffic to those addresses stays in the VPC instead of going out through them.
            foreach (var cidr in vpcBlocks.Where(b => !VpcCidr.IsPrivateRange(b)))
            {
                warnings.Add($"{cidr} is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10): hosts in the VPC cannot reach whoever owns those addresses on the internet.");
            }
            var implied = NatInstanceTypes.GuessArchitecture(instanceType);
            if (implied != architecture)
            {
                warnings.Add($"Instance type {instanceType} looks like an {implied} type, but the image is {architecture}: the launch fails if they differ. " +
                    $"Use an {architecture} type such as {NatInstanceTypes.DefaultFor(architecture)}, or the {implied} image.");
            }
            if (spot != null && spot.OnDemandBaseCapacity == 0)
            {
                warnings.Add("One zone on spot has no fallback: no peer takes the zone over when its NAT is reclaimed, and no on-demand NAT " +
                    $"stands in while spot capacity for {string.Join(", ", spot.InstanceTypes)} is gone, so the zone loses egress until a replacement runs. " +
                    "Use two zones or more, or leave out -Spot.");
            }
            if (spot != null && spot.InstanceTypes.Count == 1)
            {
                warnings.Add($"HaNat knows no peer types for {instanceType}: the spot NATs draw on that one type's capacity in each zone, " +
                    "and are interrupted more often than with several types. Prefer a common type (t4g, t3, c6g, c6i families).");
            }
            return warnings;
        }
    }
}
