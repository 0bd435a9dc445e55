namespace HaNat.Monitor
{
    /// <summary>A peer NAT as listed by EC2: where to send it beats.</summary>
    internal sealed class PeerListing
    {
        public PeerListing(string instanceId, string zone, string? privateIpAddress)
        {
            InstanceId = instanceId;
            Zone = zone;
            PrivateIpAddress = privateIpAddress;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public string? PrivateIpAddress { get; }
    }
}
