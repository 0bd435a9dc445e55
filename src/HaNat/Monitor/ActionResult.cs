namespace HaNat.Monitor
{
    /// <summary>What a finished action changed, for the loop's own bookkeeping.</summary>
    /// <param name="ZoneOwner">
    /// After a takeover that went through: what the zone's routes point at, this NAT or the zone's NAT gateway
    /// (see <see cref="TakeoverOutcome"/>); null: this NAT, as before NAT gateways were served.
    /// </param>
    /// <param name="Transient">It failed because EC2 did (throttled, 5xx, no answer): tried again soon (<see cref="Ec2RetryPolicy"/>).</param>
    internal sealed record ActionResult(FailoverAction Action, bool Succeeded, string? ZoneOwner = null, bool Transient = false);
}
