using HaNat.Aws;

namespace HaNat.Peering
{
    /// <summary>
    /// The two ends' EC2 clients. A cross-region peering is created in the local region and accepted in the peer's,
    /// and each side's routes are written in its own region; in one region both ends share one client.
    /// </summary>
    internal sealed class PeeringClients : IDisposable
    {
        private PeeringClients(PeeringEndpoint local, PeeringEndpoint peer)
        {
            Local = local;
            Peer = peer;
        }

        public PeeringEndpoint Local { get; }
        public PeeringEndpoint Peer { get; }
        public bool CrossRegion => !ReferenceEquals(Local, Peer);

        public PeeringEndpoint For(PeeringEnd end) => end == PeeringEnd.Local ? Local : Peer;

        public static PeeringClients Open(AwsSession session, string? peerRegion)
        {
            if (string.IsNullOrEmpty(peerRegion) || peerRegion == session.Region)
            {
                var only = new PeeringEndpoint(session);
                return new PeeringClients(only, only);
            }
            // Same credentials, endpoint, call log and Ctrl+C; only the region differs. The peer's session comes first:
            // it refuses a region that is not one before any client is opened (and left undisposed).
            var peerSession = new AwsSession(session.Credentials, peerRegion!, session.ExplicitEndpointUrl, session.Log, session.Cancellation);
            return new PeeringClients(new PeeringEndpoint(session), new PeeringEndpoint(peerSession));
        }

        public void Dispose()
        {
            Local.Dispose();
            if (CrossRegion) Peer.Dispose();
        }
    }
}
