using HaNat.Model;

namespace HaNat.Takeover
{
    /// <summary>
    /// Whether a NAT may take a zone's tables off a working NAT gateway (make-before-break): only once its own host
    /// set-up ran and its data-plane check passes, so that no request falls between the gateway and the NAT. Pure;
    /// the answer is the reason to hold, or null to go ahead.
    /// </summary>
    internal static class HandoverReadiness
    {
        /// <summary>The data-plane checks just made on this host, right after its set-up.</summary>
        public static string? HoldBecause(IReadOnlyList<DataPlaneCheck> checks)
        {
            var failing = checks.Where(c => !c.Healthy).ToList();
            return failing.Count == 0
                ? null
                : "this NAT's data-plane check failed (" + string.Join("; ", failing.Select(c => c.Name + ": " + c.Detail)) + ")";
        }

        /// <summary>The host set-up was declined (-Confirm) or could not be checked: the NAT cannot be trusted with the traffic yet.</summary>
        public static string HostNotSetUp(string why) => "this NAT's host set-up " + why;
    }
}
