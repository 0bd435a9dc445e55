namespace HaNat.Aws.Ec2
{
    /// <summary>A VPC peering connection as one region's EC2 reports it (each region keeps its own tags).</summary>
    internal sealed class Ec2PeeringConnection(string id, string status, string? requesterVpcId,
        string? requesterRegion, string? accepterVpcId, string? accepterRegion,
        IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        /// <summary>EC2's status code, or "unknown" when the answer has none.</summary>
        public string Status { get; } = status;
        public string? RequesterVpcId { get; } = requesterVpcId;
        public string? RequesterRegion { get; } = requesterRegion;
        public string? AccepterVpcId { get; } = accepterVpcId;
        public string? AccepterRegion { get; } = accepterRegion;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
