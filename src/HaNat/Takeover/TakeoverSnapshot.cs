using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Takeover
{
    /// <summary>Reads what a takeover needs in one round of concurrent describe calls.</summary>
    internal static class TakeoverSnapshot
    {
        public static async Task<VpcSnapshot> ReadAsync(Ec2Reader reader, InstanceInfo nat, string availabilityZone, PrivateSubnetTag tag)
        {
            var subnets = reader.DescribePrivateSubnetsAsync(nat.VpcId, tag, availabilityZone);
            var tables = reader.DescribeRouteTablesAsync(nat.VpcId);
            // Only the zone's own NAT takes the zone's Elastic IP; a failover NAT keeps its own.
            var addresses = availabilityZone == nat.AvailabilityZone
                ? reader.DescribeZoneAddressesAsync(nat.VpcId, availabilityZone)
                : Task.FromResult<System.Collections.Generic.IReadOnlyList<AddressInfo>>(Array.Empty<AddressInfo>());
            // In a VPC HaNat did not build, the NAT gateways decide make-before-break and a peer's fallback; in one it
            // built there are none to read.
            var gateways = ServedTables.DeploymentOf(tag) != null
                ? reader.DescribeNatGatewaysAsync(nat.VpcId)
                : Task.FromResult<System.Collections.Generic.IReadOnlyList<NatGatewayInfo>>(Array.Empty<NatGatewayInfo>());
            await Task.WhenAll(subnets, tables, addresses, gateways).ConfigureAwait(false);
            return new VpcSnapshot(nat.VpcId, subnets.Result, tables.Result, new[] { nat }, addresses.Result, gateways.Result);
        }
    }
}
