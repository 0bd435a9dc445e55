namespace HaNat.Aws.Ec2
{
    /// <summary>An availability zone (or Local Zone) of the region, as EC2 reports it.</summary>
    /// <param name="State">EC2's state (available, impaired...), or "unknown" when the answer has none.</param>
    /// <param name="ZoneType">availability-zone, local-zone or wavelength-zone; null when the endpoint does not say.</param>
    internal sealed record Ec2AvailabilityZone(string Name, string State, string? ZoneType);
}
