namespace HaNat.Monitor
{
    /// <summary>What a finished action changed, for the loop's own bookkeeping.</summary>
    internal sealed class ActionResult
    {
        public ActionResult(FailoverAction action, bool succeeded, string? zoneOwner = null)
        {
            Action = action;
            Succeeded = succeeded;
            ZoneOwner = zoneOwner;
        }

        public FailoverAction Action { get; }
        public bool Succeeded { get; }
        /// <summary>
        /// After a takeover that went through: what the zone's routes point at, this NAT or the zone's NAT gateway
        /// (see <see cref="TakeoverOutcome"/>); null: this NAT, as before NAT gateways were served.
        /// </summary>
        public string? ZoneOwner { get; }
    }
}
