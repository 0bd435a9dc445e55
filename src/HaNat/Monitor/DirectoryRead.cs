namespace HaNat.Monitor
{
    /// <summary>One read of the VPC's NATs and of who serves each zone.</summary>
    internal sealed class DirectoryRead
    {
        public DirectoryRead(IReadOnlyList<PeerListing> nats, IReadOnlyDictionary<string, string?> routeOwners, double readAt)
        {
            Nats = nats;
            RouteOwners = routeOwners;
            ReadAt = readAt;
        }

        /// <summary>Every running HaNat NAT of the VPC, this one included.</summary>
        public IReadOnlyList<PeerListing> Nats { get; }
        public IReadOnlyDictionary<string, string?> RouteOwners { get; }
        /// <summary>When the read started (seconds on the monitor's clock): what it says is at least that fresh.</summary>
        public double ReadAt { get; }
    }
}
