namespace HaNat.Routing
{
    internal sealed class AddressInfo
    {
        public AddressInfo(string allocationId, string publicIp, string? instanceId)
        {
            AllocationId = allocationId;
            PublicIp = publicIp;
            InstanceId = instanceId;
        }

        public string AllocationId { get; }
        public string PublicIp { get; }
        public string? InstanceId { get; }
    }
}
