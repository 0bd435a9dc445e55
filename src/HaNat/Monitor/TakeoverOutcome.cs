using HaNat.Model;

namespace HaNat.Monitor
{
    /// <summary>What a monitor's takeover of a failed zone came to, for its bookkeeping. Pure.</summary>
    internal static class TakeoverOutcome
    {
        /// <summary>
        /// The takeover went through: the zone's tables now go to this NAT or to the zone's NAT gateway. A table left
        /// foreign or on the main table means the zone is not served; one served by another zone's NAT is not this
        /// zone's and counts neither way.
        /// </summary>
        public static bool Succeeded(IReadOnlyList<TakeoverResult> results)
        {
            var zones = results.Where(r => r.Action != TakeoverAction.ServedByOtherZone).ToList();
            return zones.Count > 0 && zones.All(r =>
                r.Action != TakeoverAction.LeftForeign && r.Action != TakeoverAction.LeftOnMainTable && r.Action != TakeoverAction.HeldOnNatGateway &&
                r.Action != TakeoverAction.HeldOnNat);
        }

        /// <summary>
        /// Who carries the zone now: this NAT when any of its tables goes here (it carries part of the zone, at least);
        /// else the NAT gateway they went back to; null when neither.
        /// </summary>
        public static string? ZoneOwner(IReadOnlyList<TakeoverResult> results, string selfId)
        {
            var zones = results.Where(r => r.Action != TakeoverAction.ServedByOtherZone).ToList();
            if (zones.Any(r => r.Target == selfId)) return selfId;
            return zones.Where(r => r.Action == TakeoverAction.NatGatewayFallback).Select(r => r.Target)
                .OrderBy(t => t, System.StringComparer.Ordinal).FirstOrDefault();
        }
    }
}
