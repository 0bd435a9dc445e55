namespace HaNat.Peering
{
    /// <summary>One end of a peering as read: the VPC asked for (null when EC2 does not know it) and its route tables.</summary>
    internal sealed class PeeringSide
    {
        public PeeringSide(PeeringEnd end, string vpcId, string region, PeeringVpc? vpc, IEnumerable<PeeringRouteTable> routeTables)
        {
            End = end;
            VpcId = vpcId;
            Region = region;
            Vpc = vpc;
            RouteTables = routeTables.OrderBy(t => t.Id, StringComparer.Ordinal).ToArray();
        }

        public PeeringEnd End { get; }
        public string VpcId { get; }
        public string Region { get; }
        public PeeringVpc? Vpc { get; }
        /// <summary>Every table of the VPC, HaNat's and others; planners write only HaNat's.</summary>
        public IReadOnlyList<PeeringRouteTable> RouteTables { get; }

        public IEnumerable<PeeringRouteTable> HaNatTables => RouteTables.Where(t => t.IsHaNat);
    }
}
