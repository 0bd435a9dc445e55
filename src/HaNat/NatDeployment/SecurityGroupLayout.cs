using HaNat.Layout;

namespace HaNat.NatDeployment
{
    /// <summary>The NAT instances' security group.</summary>
    internal sealed class SecurityGroupLayout : ResourceLayout
    {
        public SecurityGroupLayout(string vpcName, IReadOnlyList<SecurityGroupRule> ingress, IReadOnlyList<SecurityGroupRule> egress)
            : base(LayoutComponents.NatSecurityGroup, vpcName)
        {
            GroupName = LayoutNames.SecurityGroupName(vpcName);
            Ingress = ingress;
            Egress = egress;
        }

        public string GroupName { get; }

        public string Description => "HaNat NAT instances: everything in from the private subnets, heartbeats from each other, everything out";

        public IReadOnlyList<SecurityGroupRule> Ingress { get; }

        /// <summary>
        /// Everything out. EC2 gives a new group this rule by itself; the layout lists it so that the template and an
        /// audit can state it.
        /// </summary>
        public IReadOnlyList<SecurityGroupRule> Egress { get; }
    }
}
