using HaNat.Layout;
namespace HaNat.Network
{
    /// <summary>What one availability zone gets of the network: a public and a private subnet, the private route table.</summary>
    internal sealed class NetworkZoneLayout
    {
        public NetworkZoneLayout(string vpcName, Ipv4Block vpcCidr, int index, string availabilityZone)
        {
            Index = index;
            AvailabilityZone = availabilityZone;
            PublicSubnet = new SubnetLayout(vpcName, availabilityZone, false,
                SubnetCarving.PublicSubnet(vpcCidr, index), SubnetCarving.PublicSlot(index));
            PrivateSubnet = new SubnetLayout(vpcName, availabilityZone, true,
                SubnetCarving.PrivateSubnet(vpcCidr, index), SubnetCarving.PrivateSlot(index));
            PrivateRouteTable = new ResourceLayout(LayoutComponents.PrivateRouteTable, vpcName, availabilityZone);
        }

        /// <summary>The zone's position in the order given; it decides the subnets' slots.</summary>
        public int Index { get; }

        public string AvailabilityZone { get; }

        /// <summary>Where the zone's NAT launches.</summary>
        public SubnetLayout PublicSubnet { get; }

        /// <summary>Tagged network=private, so the zone's NAT finds it at boot.</summary>
        public SubnetLayout PrivateSubnet { get; }

        /// <summary>
        /// Starts with only the local route: the zone's NAT adds 0.0.0.0/0 to itself when it takes the zone over, and
        /// a NAT in another zone replaces that route when this zone's NAT fails.
        /// </summary>
        public ResourceLayout PrivateRouteTable { get; }
    }
}
