namespace HaNat.Monitor
{
    internal enum PeerStatus
    {
        /// <summary>Listed by EC2, never heard, still within its grace to start.</summary>
        Pending,
        /// <summary>Heard recently, reports healthy.</summary>
        Alive,
        /// <summary>Heard recently, reports unhealthy, fewer than K times in a row.</summary>
        Unhealthy,
        /// <summary>Not heard for too long, but not confirmed failed (a peer still hears it, or alone and waiting).</summary>
        Silent,
        /// <summary>Failed: see <see cref="FailureReason"/>.</summary>
        Failed,
        /// <summary>Heard recently, and says it is leaving on purpose: its zones are handed over; never failed, never marked.</summary>
        Leaving,
        /// <summary>Said it was leaving, and is silent or no longer listed since: gone as it said; never failed, never marked.</summary>
        Departed,
    }
}
