namespace HaNat.Aws.Ec2
{
    /// <summary>A VPC peering connection as one region's EC2 reports it (each region keeps its own tags).</summary>
    internal sealed class Ec2PeeringConnection
    {
        public Ec2PeeringConnection(string id, string status, string? requesterVpcId, string? requesterRegion, string? accepterVpcId,
            string? accepterRegion, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            Status = status;
            RequesterVpcId = requesterVpcId;
            RequesterRegion = requesterRegion;
            AccepterVpcId = accepterVpcId;
            AccepterRegion = accepterRegion;
            Tags = tags;
        }

        public string Id { get; }
        /// <summary>EC2's status code, or "unknown" when the answer has none.</summary>
        public string Status { get; }
        public string? RequesterVpcId { get; }
        public string? RequesterRegion { get; }
        public string? AccepterVpcId { get; }
        public string? AccepterRegion { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
