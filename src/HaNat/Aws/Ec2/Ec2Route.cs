namespace HaNat.Aws.Ec2
{
    /// <summary>One route of a table as EC2 reports it: its destination, every target field, its state and origin.</summary>
    internal sealed class Ec2Route
    {
        public string? DestinationCidrBlock { get; set; }
        public string? DestinationIpv6CidrBlock { get; set; }
        public string? DestinationPrefixListId { get; set; }
        public string? GatewayId { get; set; }
        public string? InstanceId { get; set; }
        public string? NetworkInterfaceId { get; set; }
        public string? NatGatewayId { get; set; }
        public string? TransitGatewayId { get; set; }
        public string? VpcPeeringConnectionId { get; set; }
        public string? CarrierGatewayId { get; set; }
        public string? LocalGatewayId { get; set; }
        public string? CoreNetworkArn { get; set; }
        /// <summary>Its target is gone (state blackhole).</summary>
        public bool Blackhole { get; set; }
        /// <summary>Propagated from a virtual private gateway rather than written with CreateRoute.</summary>
        public bool Propagated { get; set; }
    }
}
