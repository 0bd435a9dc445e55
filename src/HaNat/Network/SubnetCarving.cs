namespace HaNat.Network
{
    /// <summary>
    /// How HaNat cuts a VPC into subnets. The VPC (/16 to /24) is split into 16 equal slots, each 4 bits longer than
    /// the VPC's prefix. Zone i (0-based, in the order the zones are given) gets:
    /// <list type="bullet">
    /// <item>its public subnet in slot i (the lower half of the VPC);</item>
    /// <item>its private subnet in slot 8 + i (the upper half).</item>
    /// </list>
    /// For 10.20.0.0/16 that is public 10.20.0.0/20, 10.20.16.0/20, 10.20.32.0/20 and private 10.20.128.0/20,
    /// 10.20.144.0/20, 10.20.160.0/20. Why this scheme:
    /// <list type="bullet">
    /// <item>a subnet's address depends only on its zone's position, never on how many zones there are, so a zone
    /// added later never renumbers the others;</item>
    /// <item>it is one <c>Fn::Cidr [vpc, 16, 32 - (n + 4)]</c> in CloudFormation, so the template and New-HaNatVpc carve
    /// alike;</item>
    /// <item>at /24 the slots are /28, AWS's smallest subnet, which is why /24 is the smallest VPC HaNat takes;</item>
    /// <item>slots 6, 7, 14 and 15 stay free for the user's own subnets.</item>
    /// </list>
    /// </summary>
    internal static class SubnetCarving
    {
        /// <summary>The largest VPC AWS allows.</summary>
        public const int LargestVpcPrefix = 16;

        /// <summary>The smallest VPC HaNat takes: its slots are then /28, AWS's smallest subnet.</summary>
        public const int SmallestVpcPrefix = 24;

        public const int SmallestSubnetPrefix = 28;

        /// <summary>Each slot is 2^4 = 16 times smaller than the VPC.</summary>
        public const int SlotBits = 4;

        public const int SlotCount = 1 << SlotBits;

        /// <summary>The first slot of the private half.</summary>
        public const int PrivateSlotOffset = SlotCount / 2;

        /// <summary>At most this many zones; six is the most any region has today, and it leaves two slots per half free.</summary>
        public const int MaxZones = 6;

        public static int SubnetPrefixLength(Ipv4Block vpc) => vpc.PrefixLength + SlotBits;

        public static int PublicSlot(int zoneIndex) => zoneIndex;

        public static int PrivateSlot(int zoneIndex) => PrivateSlotOffset + zoneIndex;

        public static Ipv4Block PublicSubnet(Ipv4Block vpc, int zoneIndex) => vpc.Slot(SubnetPrefixLength(vpc), PublicSlot(zoneIndex));

        public static Ipv4Block PrivateSubnet(Ipv4Block vpc, int zoneIndex) => vpc.Slot(SubnetPrefixLength(vpc), PrivateSlot(zoneIndex));

        /// <summary>The upper half of the VPC, where every private slot lies (10.20.128.0/17 of 10.20.0.0/16).</summary>
        public static Ipv4Block PrivateHalf(Ipv4Block vpc) => vpc.Slot(vpc.PrefixLength + 1, 1);
    }
}
