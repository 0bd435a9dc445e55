namespace HaNat.Peering
{
    /// <summary>What to do about the peering connection itself.</summary>
    internal enum ConnectionStep
    {
        /// <summary>An active connection joins the two VPCs already: use it, write nothing.</summary>
        Reuse,
        /// <summary>A connection is on its way (initiating, provisioning): wait until it is active.</summary>
        AwaitActive,
        /// <summary>A connection waits for acceptance: accept it in the accepter's region, then wait.</summary>
        Accept,
        /// <summary>No live connection: create one (tagged as HaNat's), accept it, wait until it is active.</summary>
        Create,
    }
}
