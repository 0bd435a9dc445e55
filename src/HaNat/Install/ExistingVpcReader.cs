using HaNat.Aws.Ec2;
using static HaNat.Aws.Ec2.Ec2Reads;

namespace HaNat.Install
{
    /// <summary>Reads a VPC HaNat did not build, once: five describes, nothing written.</summary>
    internal static class ExistingVpcReader
    {
        /// <returns>Null when there is no such VPC.</returns>
        public static async Task<ExistingVpc?> ReadAsync(Ec2Reads reads, string vpcId)
        {
            var vpcs = await reads.VpcsAsync(new List<Amazon.EC2.Model.Filter> { By("vpc-id", vpcId) }).ConfigureAwait(false);
            var vpc = vpcs.FirstOrDefault(v => v.Id == vpcId);
            if (vpc == null) return null;
            var inVpc = new List<Amazon.EC2.Model.Filter> { By("vpc-id", vpcId) };
            var gateways = await reads.InternetGatewaysAsync(new List<Amazon.EC2.Model.Filter> { By("attachment.vpc-id", vpcId) }).ConfigureAwait(false);
            var subnets = await reads.SubnetsAsync(inVpc).ConfigureAwait(false);
            var tables = await reads.RouteTablesAsync(inVpc).ConfigureAwait(false);
            var natGateways = await reads.NatGatewaysAsync(inVpc).ConfigureAwait(false);
            return new ExistingVpc(vpc, gateways.Select(g => g.Id), subnets, tables,
                natGateways.Where(g => g.State != "deleted"));
        }
    }
}
