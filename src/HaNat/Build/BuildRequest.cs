namespace HaNat.Build
{
    /// <summary>New-HaNatVpc's inputs as the user gave them; the preflight turns them into a checked layout.</summary>
    internal sealed class BuildRequest
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>A CIDR block, or the original tool's two octets.</summary>
        public string CidrBlock { get; set; } = string.Empty;

        /// <summary>Zone names; null means the region's first available zones, at most <see cref="ZoneCount"/>.</summary>
        public IReadOnlyList<string>? AvailabilityZones { get; set; }

        public int ZoneCount { get; set; } = 3;

        /// <summary>Null: the newest HaNat image (of the instance type's architecture when a type is given).</summary>
        public string? ImageId { get; set; }

        public string? KeyName { get; set; }

        /// <summary>Null: a small type of the image's architecture.</summary>
        public string? InstanceType { get; set; }

        public string? SshCidr { get; set; }

        public int HealthCheckGracePeriodSeconds { get; set; } = 180;

        /// <summary>Spot NATs, one on-demand (-Spot).</summary>
        public bool Spot { get; set; }

        /// <summary>The SNS topic the alarms notify (-AlarmAction); null: none.</summary>
        public string? AlarmAction { get; set; }

        /// <summary>False with -NoAlarms.</summary>
        public bool Alarms { get; set; } = true;
    }
}
