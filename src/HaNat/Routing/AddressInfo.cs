namespace HaNat.Routing
{
    internal sealed record AddressInfo(string AllocationId, string PublicIp, string? InstanceId);
}
