using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>What one availability zone of a HaNat VPC gets: its part of the network and its part of the NAT deployment.</summary>
    internal sealed record ZoneLayout(NetworkZoneLayout Network, NatZoneLayout Nat)
    {
        /// <summary>The zone's position in the order given; it decides the subnets' slots.</summary>
        public int Index => Network.Index;

        public string AvailabilityZone => Network.AvailabilityZone;
        public SubnetLayout PublicSubnet => Network.PublicSubnet;
        public SubnetLayout PrivateSubnet => Network.PrivateSubnet;
        public ResourceLayout PrivateRouteTable => Network.PrivateRouteTable;
        public ResourceLayout ElasticIp => Nat.ElasticIp;
    }
}
