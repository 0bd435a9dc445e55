using HaNat.Layout;

namespace HaNat.NatDeployment
{
    /// <summary>What one availability zone gets of the NAT deployment: its Elastic IP (its NAT comes from the one group).</summary>
    internal sealed class NatZoneLayout
    {
        public NatZoneLayout(string vpcName, int index, string availabilityZone)
        {
            Index = index;
            AvailabilityZone = availabilityZone;
            ElasticIp = new ResourceLayout(LayoutComponents.ElasticIp, vpcName, availabilityZone);
        }

        /// <summary>The zone's position in the order given.</summary>
        public int Index { get; }

        public string AvailabilityZone { get; }

        /// <summary>The zone's stable egress address; tagged hanat:zone so the zone's NAT associates it at boot.</summary>
        public ResourceLayout ElasticIp { get; }
    }
}
