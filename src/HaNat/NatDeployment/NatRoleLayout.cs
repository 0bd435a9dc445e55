using HaNat.Layout;
using HaNat.Policies;

namespace HaNat.NatDeployment
{
    /// <summary>The NAT instances' IAM role: trusted by EC2 only, with the NatInstance policy inline.</summary>
    internal sealed class NatRoleLayout : ResourceLayout
    {
        public NatRoleLayout(string vpcName, string? region) : base(LayoutComponents.NatRole, vpcName)
        {
            RoleName = LayoutNames.IamName(vpcName, region);
        }

        public string RoleName { get; }

        /// <summary>/hanat/: the Operator policy may pass only roles under this path.</summary>
        public string Path => LayoutNames.IamPath;

        public string PolicyName => LayoutNames.NatPolicyName;

        public PolicyDocument Policy => IamPolicies.NatInstance;

        public PolicyDocument TrustPolicy => IamPolicies.Ec2TrustPolicy;
    }
}
