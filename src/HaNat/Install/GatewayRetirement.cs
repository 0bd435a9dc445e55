namespace HaNat.Install
{
    /// <summary>
    /// One NAT gateway Add-HaNatVpc -DeleteNatGateway deletes, once its zone's NAT has taken every table the gateway
    /// served: the address it adopts as the zone's (so the egress address partners allow-listed stays), the NAT that
    /// gets it, and HaNat's own address of the zone, which it releases.
    /// </summary>
    internal sealed class GatewayRetirement
    {
        public GatewayRetirement(string zone, string? natGatewayId, string? adoptAllocationId, string? adoptPublicIp, string natInstanceId,
            string? releaseAllocationId)
        {
            Zone = zone;
            NatGatewayId = natGatewayId;
            AdoptAllocationId = adoptAllocationId;
            AdoptPublicIp = adoptPublicIp;
            NatInstanceId = natInstanceId;
            ReleaseAllocationId = releaseAllocationId;
        }

        public string Zone { get; }
        /// <summary>Null when the gateway is gone already and only its adopted address is still to move to the NAT.</summary>
        public string? NatGatewayId { get; }

        /// <summary>The gateway's Elastic IP, which becomes the zone's address; null when the zone adopted one already.</summary>
        public string? AdoptAllocationId { get; }
        public string? AdoptPublicIp { get; }

        /// <summary>The zone's NAT, which the adopted address is associated with.</summary>
        public string NatInstanceId { get; }

        /// <summary>The address HaNat made for the zone, released once the adopted one is in its place.</summary>
        public string? ReleaseAllocationId { get; }
    }
}
