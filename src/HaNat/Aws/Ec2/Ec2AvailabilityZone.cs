namespace HaNat.Aws.Ec2
{
    /// <summary>An availability zone (or Local Zone) of the region, as EC2 reports it.</summary>
    internal sealed class Ec2AvailabilityZone
    {
        public Ec2AvailabilityZone(string name, string state, string? zoneType)
        {
            Name = name;
            State = state;
            ZoneType = zoneType;
        }

        public string Name { get; }
        /// <summary>EC2's state (available, impaired...), or "unknown" when the answer has none.</summary>
        public string State { get; }
        /// <summary>availability-zone, local-zone or wavelength-zone; null when the endpoint does not say.</summary>
        public string? ZoneType { get; }
    }
}
