namespace HaNat.Takeover
{
    /// <summary>The zone's Elastic IP, to be associated with the NAT.</summary>
    internal sealed class AddressAssociation
    {
        public AddressAssociation(string allocationId, string publicIp, string? previousInstanceId)
        {
            AllocationId = allocationId;
            PublicIp = publicIp;
            PreviousInstanceId = previousInstanceId;
        }

        public string AllocationId { get; }
        public string PublicIp { get; }
        public string? PreviousInstanceId { get; }
    }
}
