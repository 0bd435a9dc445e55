using HaNat.Layout;
using HaNat.Policies;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>The NAT instances' IAM role: trusted by EC2 only, with the NatInstance policy inline.</summary>
    internal sealed class NatRoleLayout : ResourceLayout
    {
        private readonly PrivateSubnetTag? _subnetTag;

        public NatRoleLayout(string vpcName, string? region, PrivateSubnetTag? subnetTag = null) : base(LayoutComponents.NatRole, vpcName)
        {
            _subnetTag = subnetTag;
            RoleName = LayoutNames.IamName(vpcName, region);
        }

        public string RoleName { get; }

        /// <summary>/hanat/: the Operator policy may pass only roles under this path.</summary>
        public string Path => LayoutNames.IamPath;

        public string PolicyName => LayoutNames.NatPolicyName;

        /// <summary>The NatInstance policy for the subnets the deployment serves (see <see cref="NatInstancePolicy.For"/>).</summary>
        public PolicyDocument Policy => _subnetTag == null ? IamPolicies.NatInstance : NatInstancePolicy.For(_subnetTag);

        public PolicyDocument TrustPolicy => IamPolicies.Ec2TrustPolicy;
    }
}
