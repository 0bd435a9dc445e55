namespace HaNat.Model
{
    /// <summary>
    /// One zone Update-HaNatVpc rolled: its NAT before and after, the launch template version the new NAT runs, and
    /// how long the zone took from the new NAT's launch to the old one's termination.
    /// </summary>
    public sealed class HaNatZoneUpdate
    {
        public HaNatZoneUpdate(string name, string availabilityZone, string oldInstanceId, string newInstanceId, long launchTemplateVersion, double seconds)
        {
            Name = name;
            AvailabilityZone = availabilityZone;
            OldInstanceId = oldInstanceId;
            NewInstanceId = newInstanceId;
            LaunchTemplateVersion = launchTemplateVersion;
            Seconds = seconds;
        }

        /// <summary>The HaNat VPC's name.</summary>
        public string Name { get; }

        public string AvailabilityZone { get; }

        /// <summary>The NAT that served the zone before, now terminating (its monitor hands over what it still holds).</summary>
        public string OldInstanceId { get; }

        /// <summary>The NAT that serves the zone now.</summary>
        public string NewInstanceId { get; }

        public long LaunchTemplateVersion { get; }

        /// <summary>From the new NAT's launch until the old one was told to terminate.</summary>
        public double Seconds { get; }

        public override string ToString() => $"{AvailabilityZone}: {OldInstanceId} -> {NewInstanceId}";
    }
}
