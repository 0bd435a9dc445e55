using HaNat.Layout;

namespace HaNat.Network
{
    /// <summary>
    /// The network of a HaNat VPC, planned from its inputs alone (<see cref="NetworkLayoutPlanner"/>): the VPC, its
    /// internet gateway, the public route table, and per zone a public and a private subnet and the private route
    /// table. The NATs that serve it are a <see cref="NatDeployment.NatDeploymentLayout"/>, planned apart, so that a
    /// deployment can also go into a network HaNat did not build.
    /// </summary>
    internal sealed class NetworkLayout
    {
        internal NetworkLayout(string name, Ipv4Block cidr, IReadOnlyList<NetworkZoneLayout> zones)
        {
            Name = name;
            Cidr = cidr;
            Zones = zones;
            Vpc = new ResourceLayout(LayoutComponents.Vpc, name);
            InternetGateway = new ResourceLayout(LayoutComponents.InternetGateway, name);
            PublicRouteTable = new ResourceLayout(LayoutComponents.PublicRouteTable, name);
        }

        /// <summary>The destination of the public route table's default route, and of the NATs' egress.</summary>
        public const string InternetCidr = "0.0.0.0/0";

        public string Name { get; }

        public Ipv4Block Cidr { get; }

        /// <summary>The prefix length of every subnet: the VPC's plus <see cref="SubnetCarving.SlotBits"/>.</summary>
        public int SubnetPrefixLength => SubnetCarving.SubnetPrefixLength(Cidr);

        public IReadOnlyList<NetworkZoneLayout> Zones { get; }

        public ResourceLayout Vpc { get; }
        public ResourceLayout InternetGateway { get; }

        /// <summary>Shared by every public subnet: 0.0.0.0/0 to the internet gateway.</summary>
        public ResourceLayout PublicRouteTable { get; }

        /// <summary>The half of the VPC where every private subnet lives: what the NATs forward for.</summary>
        public Ipv4Block PrivateHalf => SubnetCarving.PrivateHalf(Cidr);

        /// <summary>Every resource, in the order a builder creates them.</summary>
        public IEnumerable<ResourceLayout> ResourcesInBuildOrder()
        {
            yield return Vpc;
            yield return InternetGateway;
            yield return PublicRouteTable;
            foreach (var zone in Zones)
            {
                yield return zone.PublicSubnet;
                yield return zone.PrivateSubnet;
                yield return zone.PrivateRouteTable;
            }
        }
    }
}
