namespace HaNat.Inventory
{
    internal sealed class FoundPeering : FoundResource
    {
        public FoundPeering(string id, string status, string? requesterVpcId, string? accepterVpcId, IReadOnlyDictionary<string, string>? tags,
            string? requesterRegion = null, string? accepterRegion = null) : base(id, tags)
        {
            Status = status;
            RequesterVpcId = requesterVpcId;
            AccepterVpcId = accepterVpcId;
            RequesterRegion = requesterRegion;
            AccepterRegion = accepterRegion;
        }

        /// <summary>The states in which a peering still joins two VPCs; deleted, rejected, failed and expired ones do not.</summary>
        public static readonly IReadOnlyCollection<string> LiveStates = new[] { "initiating-request", "pending-acceptance", "provisioning", "active" };

        public string Status { get; }
        public string? RequesterVpcId { get; }
        public string? AccepterVpcId { get; }
        public string? RequesterRegion { get; }
        public string? AccepterRegion { get; }

        public bool IsLive => LiveStates.Contains(Status);

        public string? PeerOf(string vpcId) => RequesterVpcId == vpcId ? AccepterVpcId : RequesterVpcId;

        /// <summary>The region of the other end; null when EC2 did not say (then it is the VPC's own).</summary>
        public string? PeerRegionOf(string vpcId) => RequesterVpcId == vpcId ? AccepterRegion : RequesterRegion;
    }
}
