using HaNat.Model;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// What the user chooses about the NATs themselves, the same whether HaNat builds the VPC or not: the image and
    /// type, the key and SSH range, the root device and the grace period. All optional.
    /// </summary>
    internal class NatInputs
    {
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

        /// <summary>Spot NATs with one on-demand (<see cref="SpotLayout"/>); false: every NAT on-demand, as before.</summary>
        public bool Spot { get; set; }

        /// <summary>The SNS topic the alarms notify (-AlarmAction); null: the alarms notify nobody.</summary>
        public string? AlarmAction { get; set; }

        /// <summary>Whether the deployment gets its CloudWatch alarms (<see cref="Alarms.AlarmDefinitions"/>); -NoAlarms: false.</summary>
        public bool Alarms { get; set; } = true;
    }
}
