using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.RoutingAudit
{
    /// <summary>Reads what an audit needs: the VPC, its private subnets and route tables, then the NATs they point at.</summary>
    internal static class RoutingSnapshot
    {
        /// <param name="tag">
        /// The private subnets' tag; null: the tag of the VPC's deployment, read from the VPC itself (hanat:served-by=N
        /// on a VPC Add-HaNatVpc serves, network=private otherwise), which costs the subnets' read one call's wait.
        /// </param>
        public static async Task<VpcSnapshot> ReadAsync(Ec2Reader reader, string vpcId, PrivateSubnetTag? tag)
        {
            var vpc = reader.DescribeVpcTagsAsync(vpcId);
            var tables = reader.DescribeRouteTablesAsync(vpcId);
            var subnetTag = tag ?? PrivateSubnetTag.OfInstance(await vpc.ConfigureAwait(false) ?? new Dictionary<string, string>());
            var subnets = reader.DescribePrivateSubnetsAsync(vpcId, subnetTag, null);
            await Task.WhenAll(vpc, subnets, tables).ConfigureAwait(false);
            if (vpc.Result == null)
            {
                throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound,
                    $"VPC {vpcId} was not found. Check the id and -Region.") { Target = vpcId };
            }

            var natIds = tables.Result.Select(t => t.DefaultRoute?.InstanceId).Where(id => id != null).Select(id => id!).ToArray();
            var instances = await reader.DescribeInstancesAsync(natIds).ConfigureAwait(false);
            return new VpcSnapshot(vpcId, subnets.Result, tables.Result, instances);
        }
    }
}
