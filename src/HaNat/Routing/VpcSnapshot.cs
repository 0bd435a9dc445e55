namespace HaNat.Routing
{
    /// <summary>The part of one VPC that a takeover or an audit looks at, read in one round of describe calls.</summary>
    internal sealed class VpcSnapshot
    {
        public VpcSnapshot(string vpcId, IEnumerable<SubnetInfo> privateSubnets, IEnumerable<RouteTableInfo> routeTables,
            IEnumerable<InstanceInfo>? instances = null, IEnumerable<AddressInfo>? zoneAddresses = null,
            IEnumerable<NatGatewayInfo>? natGateways = null)
        {
            NatGateways = (natGateways ?? Array.Empty<NatGatewayInfo>()).GroupBy(g => g.Id).ToDictionary(g => g.Key, g => g.First());
            VpcId = vpcId;
            PrivateSubnets = privateSubnets.OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
            RouteTables = routeTables.ToArray();
            Instances = (instances ?? Array.Empty<InstanceInfo>()).GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
            ZoneAddresses = (zoneAddresses ?? Array.Empty<AddressInfo>()).ToArray();
        }

        public string VpcId { get; }
        public IReadOnlyList<SubnetInfo> PrivateSubnets { get; }
        public IReadOnlyList<RouteTableInfo> RouteTables { get; }
        public IReadOnlyDictionary<string, InstanceInfo> Instances { get; }
        /// <summary>Elastic IPs tagged for the zone being taken over (empty in an audit).</summary>
        public IReadOnlyList<AddressInfo> ZoneAddresses { get; }

        /// <summary>
        /// The VPC's NAT gateways by id, read only for a deployment that serves a VPC HaNat did not build (empty
        /// otherwise): a gateway absent here is unknown to EC2, deleted long ago.
        /// </summary>
        public IReadOnlyDictionary<string, NatGatewayInfo> NatGateways { get; }

        public RouteTableInfo? MainRouteTable => RouteTables.FirstOrDefault(t => t.IsMain);

        /// <summary>The table a subnet uses: its explicit association, else the VPC's main table.</summary>
        public RouteTableInfo? RouteTableOf(string subnetId) =>
            RouteTables.FirstOrDefault(t => t.SubnetIds.Contains(subnetId)) ?? MainRouteTable;
    }
}
