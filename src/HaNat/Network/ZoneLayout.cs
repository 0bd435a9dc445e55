using HaNat.Layout;
namespace HaNat.Network
{
    /// <summary>What one availability zone gets: a public and a private subnet, the private route table, an Elastic IP.</summary>
    internal sealed class ZoneLayout
    {
        public ZoneLayout(string vpcName, Ipv4Block vpcCidr, int index, string availabilityZone)
        {
            Index = index;
            AvailabilityZone = availabilityZone;
            PublicSubnet = new SubnetLayout(vpcName, availabilityZone, false,
                SubnetCarving.PublicSubnet(vpcCidr, index), SubnetCarving.PublicSlot(index));
            PrivateSubnet = new SubnetLayout(vpcName, availabilityZone, true,
                SubnetCarving.PrivateSubnet(vpcCidr, index), SubnetCarving.PrivateSlot(index));
            PrivateRouteTable = new ResourceLayout(LayoutComponents.PrivateRouteTable, vpcName, availabilityZone);
            ElasticIp = new ResourceLayout(LayoutComponents.ElasticIp, vpcName, availabilityZone);
        }

        /// <summary>The zone's position in the order given; it decides the subnets' slots.</summary>
        public int Index { get; }

        public string AvailabilityZone { get; }
        public SubnetLayout PublicSubnet { get; }

        /// <summary>Tagged network=private, so the zone's NAT finds it at boot.</summary>
        public SubnetLayout PrivateSubnet { get; }

        /// <summary>
        /// Starts with only the local route: the zone's NAT adds 0.0.0.0/0 to itself when it takes the zone over, and
        /// a NAT in another zone replaces that route when this zone's NAT fails.
        /// </summary>
        public ResourceLayout PrivateRouteTable { get; }

        /// <summary>The zone's stable egress address; tagged hanat:zone so the zone's NAT associates it at boot.</summary>
        public ResourceLayout ElasticIp { get; }
    }
}
