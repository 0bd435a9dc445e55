namespace HaNat.Peering
{
    /// <summary>EC2's peering connection states (VpcPeeringConnectionStateReasonCode), as strings.</summary>
    internal static class PeeringStatus
    {
        public const string InitiatingRequest = "initiating-request";
        public const string PendingAcceptance = "pending-acceptance";
        public const string Provisioning = "provisioning";
        public const string Active = "active";
        public const string Deleting = "deleting";
        public const string Deleted = "deleted";
        public const string Rejected = "rejected";
        public const string Failed = "failed";
        public const string Expired = "expired";

        /// <summary>A connection that is, or is on its way to being, usable.</summary>
        public static bool IsLive(string status) =>
            status == Active || status == Provisioning || status == PendingAcceptance || status == InitiatingRequest;

        /// <summary>A connection that will never be usable again.</summary>
        public static bool IsDead(string status) =>
            status == Deleting || status == Deleted || status == Rejected || status == Failed || status == Expired;

        /// <summary>Which of several live connections to reuse: the one furthest along (active first).</summary>
        public static int Progress(string status) => status switch
        {
            Active => 3,
            Provisioning => 2,
            PendingAcceptance => 1,
            _ => 0,
        };
    }
}
