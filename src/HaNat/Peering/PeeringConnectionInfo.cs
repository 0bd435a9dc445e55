using HaNat.Tagging;

namespace HaNat.Peering
{
    /// <summary>A VPC peering connection as EC2 reports it, seen from either side.</summary>
    internal sealed class PeeringConnectionInfo
    {
        public PeeringConnectionInfo(string id, string requesterVpcId, string requesterRegion, string accepterVpcId,
            string accepterRegion, string status, IReadOnlyDictionary<string, string>? tags = null)
        {
            Id = id;
            RequesterVpcId = requesterVpcId;
            RequesterRegion = requesterRegion;
            AccepterVpcId = accepterVpcId;
            AccepterRegion = accepterRegion;
            Status = status;
            Tags = tags ?? new Dictionary<string, string>();
        }

        public string Id { get; }
        public string RequesterVpcId { get; }
        public string RequesterRegion { get; }
        public string AccepterVpcId { get; }
        public string AccepterRegion { get; }
        public string Status { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>HaNat made it (Connect-HaNatVpc tags what it creates), so Disconnect-HaNatVpc may delete it.</summary>
        public bool IsHaNat => HaNatTags.IsManaged(Tags);

        public bool IsLive => PeeringStatus.IsLive(Status);

        /// <summary>Whether it connects these two VPCs, in either direction.</summary>
        public bool Joins(string vpcId, string otherVpcId) =>
            (RequesterVpcId == vpcId && AccepterVpcId == otherVpcId) || (RequesterVpcId == otherVpcId && AccepterVpcId == vpcId);

        /// <summary>
        /// The same connection with the tags another region reports added: a cross-region connection's tags are
        /// kept per region, so the side that did not create it may see none.
        /// </summary>
        public PeeringConnectionInfo WithTagsOf(PeeringConnectionInfo other)
        {
            var tags = Tags.Concat(other.Tags.Where(t => !Tags.ContainsKey(t.Key))).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            return new PeeringConnectionInfo(Id, RequesterVpcId, RequesterRegion, AccepterVpcId, AccepterRegion, Status, tags);
        }

        public override string ToString() => $"{Id} ({RequesterVpcId} -> {AccepterVpcId}, {Status})";
    }
}
