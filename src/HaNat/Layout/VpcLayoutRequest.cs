using System;
using System.Collections.Generic;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>What a HaNat VPC is planned from. Only <see cref="Name"/>, <see cref="CidrBlock"/> and the zones are required.</summary>
    internal sealed class VpcLayoutRequest
    {
        /// <summary>Names every resource: letters, digits and hyphens, starting with a letter (see <see cref="LayoutInputRules"/>).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>A CIDR block (10.20.0.0/16, /16 to /24) or the original tool's two octets ('10.20' = 10.20.0.0/16).</summary>
        public string CidrBlock { get; set; } = string.Empty;

        /// <summary>One to six zone names; their order decides which subnets each gets (<see cref="SubnetCarving"/>).</summary>
        public IReadOnlyList<string> AvailabilityZones { get; set; } = Array.Empty<string>();

        /// <summary>The region, when known. It becomes part of the IAM role's name, which is global to the account.</summary>
        public string? Region { get; set; }

        public NatArchitecture Architecture { get; set; } = NatArchitecture.Arm64;

        /// <summary>Null: <see cref="NatInstanceTypes.DefaultFor"/> the architecture.</summary>
        public string? InstanceType { get; set; }

        /// <summary>The HaNat AMI; null when it is decided later (the template takes it as a parameter).</summary>
        public string? ImageId { get; set; }

        /// <summary>The key pair installed on the NATs; without <see cref="SshCidr"/> no SSH rule is made for it.</summary>
        public string? KeyName { get; set; }

        /// <summary>Where SSH (tcp 22) may come from. Null: no SSH rule at all.</summary>
        public string? SshCidr { get; set; }

        /// <summary>The image's root device, whose volume the launch template encrypts. Amazon Linux and Debian use /dev/xvda.</summary>
        public string RootDeviceName { get; set; } = "/dev/xvda";

        /// <summary>How long the group ignores a new NAT's health: long enough for boot and the takeover.</summary>
        public int HealthCheckGracePeriodSeconds { get; set; } = 180;
    }
}
