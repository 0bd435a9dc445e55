namespace HaNat.Monitor
{
    /// <summary>Why a datagram was dropped, or Accepted.</summary>
    internal enum HeartbeatVerdict
    {
        Accepted,
        /// <summary>Too short, too long, or not laid out as a heartbeat after a good MAC.</summary>
        Malformed,
        /// <summary>The MAC does not match: another key, or a changed byte.</summary>
        BadMac,
        /// <summary>Sent further than the window from this host's clock: an old datagram replayed, or a clock off.</summary>
        Stale,
        /// <summary>A sequence not above the last accepted from that sender: a replay.</summary>
        Replay,
    }
}
