namespace HaNat.Monitor
{
    internal enum FailureReason
    {
        None,
        /// <summary>Silent, and every other live peer has lost it too (or, alone, the long wait and the route check passed).</summary>
        Silent,
        /// <summary>Its own last K beats in a row reported unhealthy.</summary>
        ReportsUnhealthy,
        /// <summary>EC2 no longer lists it running, and it is silent.</summary>
        NotRunning,
        /// <summary>Not a failure: it said it is leaving, and hands over what it serves (reason "handover").</summary>
        Leaving,
    }
}
