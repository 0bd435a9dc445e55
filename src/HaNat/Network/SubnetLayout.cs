using HaNat.Layout;
namespace HaNat.Network
{
    /// <summary>A public or private subnet, with its CIDR and its slot in <see cref="SubnetCarving"/>.</summary>
    internal sealed class SubnetLayout : ResourceLayout
    {
        public SubnetLayout(string vpcName, string zone, bool isPrivate, Ipv4Block cidr, int slot)
            : base(isPrivate ? LayoutComponents.PrivateSubnet : LayoutComponents.PublicSubnet, vpcName, zone)
        {
            IsPrivate = isPrivate;
            Cidr = cidr;
            Slot = slot;
        }

        public bool IsPrivate { get; }
        public Ipv4Block Cidr { get; }

        /// <summary>The index of this subnet among the VPC's 16 equal slots.</summary>
        public int Slot { get; }

        public string AvailabilityZone => Zone!;
    }
}
