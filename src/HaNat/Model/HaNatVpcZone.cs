namespace HaNat.Model
{
    /// <summary>What one availability zone of a HaNat VPC holds.</summary>
    public sealed class HaNatVpcZone
    {
        public HaNatVpcZone(string availabilityZone, string? publicSubnetId, string? privateSubnetId, string? privateRouteTableId,
            string? elasticIpAllocationId, string? publicIp, IEnumerable<string>? servedRouteTableIds = null)
        {
            ServedRouteTableIds = (servedRouteTableIds ?? (privateRouteTableId == null ? Array.Empty<string>() : new[] { privateRouteTableId })).ToArray();
            AvailabilityZone = availabilityZone;
            PublicSubnetId = publicSubnetId;
            PrivateSubnetId = privateSubnetId;
            PrivateRouteTableId = privateRouteTableId;
            ElasticIpAllocationId = elasticIpAllocationId;
            PublicIp = publicIp;
        }

        public string AvailabilityZone { get; }

        /// <summary>Where the zone's NAT runs.</summary>
        public string? PublicSubnetId { get; }

        /// <summary>Tagged network=private: the subnet whose way out the NAT serves.</summary>
        public string? PrivateSubnetId { get; }

        public string? PrivateRouteTableId { get; }
        public string? ElasticIpAllocationId { get; }

        /// <summary>The zone's Elastic IP: its stable egress address.</summary>
        public string? PublicIp { get; }

        /// <summary>
        /// The route tables the zone's NAT serves: the private table HaNat built, or in a VPC HaNat did not build
        /// (Add-HaNatVpc) the tables tagged hanat:served-by for this zone.
        /// </summary>
        public IReadOnlyList<string> ServedRouteTableIds { get; }

        public override string ToString() => AvailabilityZone;
    }
}
