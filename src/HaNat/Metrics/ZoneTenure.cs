namespace HaNat.Metrics
{
    /// <summary>How the publishing NAT came to serve a zone.</summary>
    internal enum ZoneTakenBy
    {
        /// <summary>Its own zone, taken at boot.</summary>
        Own,
        /// <summary>Another zone's, taken from a NAT that failed (or found served here when the monitor started).</summary>
        Failover,
        /// <summary>Another zone's, handed over by its NAT on leaving.</summary>
        Handover,
    }

    /// <summary>A zone the publishing NAT serves, at the end of a period: since when (seconds on the monitor's clock) and how.</summary>
    internal sealed record ZoneTenure(string Zone, double Since, ZoneTakenBy How);
}
