using HaNat.Build;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// Where a NAT deployment goes: the VPC, and per zone (in the deployment's zone order) the subnet its NAT launches
    /// in. New-HaNatVpc's values are filled in by the network build as it runs; a VPC HaNat did not build gives them
    /// up front.
    /// </summary>
    internal sealed class NatDeploymentTarget
    {
        public NatDeploymentTarget(LateId vpcId, IReadOnlyList<LateId> launchSubnets)
        {
            VpcId = vpcId ?? throw new ArgumentNullException(nameof(vpcId));
            LaunchSubnets = launchSubnets ?? throw new ArgumentNullException(nameof(launchSubnets));
        }

        public LateId VpcId { get; }

        /// <summary>One per zone: a public subnet, whose table sends 0.0.0.0/0 to an internet gateway.</summary>
        public IReadOnlyList<LateId> LaunchSubnets { get; }
    }
}
