namespace HaNat.Takeover
{
    /// <summary>The zone's Elastic IP, to be associated with the NAT.</summary>
    internal sealed record AddressAssociation(string AllocationId, string PublicIp, string? PreviousInstanceId);
}
