using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Takeover
{
    /// <summary>Reads what a takeover needs in one round of concurrent describe calls.</summary>
    internal static class TakeoverSnapshot
    {
        /// <param name="readRouteTargets">
        /// Also read the instances the VPC's default routes and the zone's addresses go to (one more round, after the
        /// tables): a NAT that is not ready must know whether the NAT it would replace still runs (<see cref="TakeoverPlanner"/>).
        /// </param>
        public static async Task<VpcSnapshot> ReadAsync(Ec2Reader reader, InstanceInfo nat, string availabilityZone, PrivateSubnetTag tag,
            bool readRouteTargets = false)
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
            var instances = new List<InstanceInfo> { nat };
            if (readRouteTargets)
            {
                var targets = tables.Result.Select(t => t.DefaultRoute?.InstanceId).Concat(addresses.Result.Select(a => a.InstanceId))
                    .Where(id => id != null && id != nat.Id).Select(id => id!);
                instances.AddRange(await reader.DescribeInstancesAsync(targets).ConfigureAwait(false));
            }
            return new VpcSnapshot(nat.VpcId, subnets.Result, tables.Result, instances, addresses.Result, gateways.Result);
        }
    }
}
