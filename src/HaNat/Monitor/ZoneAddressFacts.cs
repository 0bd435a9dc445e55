namespace HaNat.Monitor
{
    /// <summary>A zone's Elastic IP as EC2 reports it (tagged hanat:vpc-id and hanat:zone), with where it is associated.</summary>
    /// <param name="NetworkInterfaceId">The interface it is associated with; null when free.</param>
    /// <param name="PrivateIpAddress">The private IP of that interface it is associated with; null when free.</param>
    internal sealed record ZoneAddress(string AllocationId, string PublicIp, string Zone, string? NetworkInterfaceId, string? PrivateIpAddress)
    {
        public bool IsOn(string interfaceId, string privateIp) => NetworkInterfaceId == interfaceId && PrivateIpAddress == privateIp;
    }

    /// <summary>This NAT's primary network interface as EC2 reports it: its primary private IP and its secondary ones.</summary>
    internal sealed record OwnInterface(string Id, string PrimaryIp, IReadOnlyList<string> SecondaryIps);

    /// <summary>A zone's address this NAT translates to on its host (a zone-address SNAT rule).</summary>
    internal sealed record HostHold(string Zone, string? PrivateIp);

    /// <summary>
    /// How this NAT takes a failed zone's address: the zone's Elastic IP, onto a secondary private IP of its own interface
    /// (<see cref="ReuseIp"/>, one it already holds for that zone, or a new one), for the zone's served subnets.
    /// </summary>
    internal sealed record ZoneAddressHold(string Zone, string AllocationId, string PublicIp, string InterfaceId, string? ReuseIp,
        bool Associated, IReadOnlyList<string> SourceCidrs);

    /// <summary>A secondary IP (and its rules) this NAT holds for a zone and lets go, and why.</summary>
    /// <param name="Unassign">The IP is a secondary of this NAT's interface in EC2 (else only the host side is left).</param>
    /// <param name="HandTo">
    /// The zone's own NAT, which its routes went back to without taking the address (a takeover of routes only): the
    /// address (<paramref name="AllocationId"/>) goes to it before the IP is unassigned, which would leave it free.
    /// </param>
    internal sealed record ZoneAddressRelease(string Zone, string PrivateIp, string Reason, bool Unassign,
        string? HandTo = null, string? AllocationId = null);
}
