namespace HaNat.Monitor
{
    /// <summary>A peer NAT as listed by EC2: where to send it beats.</summary>
    internal sealed record PeerListing(string InstanceId, string Zone, string? PrivateIpAddress);
}
