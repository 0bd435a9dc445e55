using System.Collections.Generic;

namespace HaNat.Topology
{
    /// <summary>One rule of the NAT security group. <see cref="IpProtocol"/> "-1" means every protocol and port.</summary>
    public sealed class SecurityGroupRule
    {
        public SecurityGroupRule(string ipProtocol, int? fromPort, int? toPort, Ipv4Block cidr, string description)
        {
            IpProtocol = ipProtocol;
            FromPort = fromPort;
            ToPort = toPort;
            Cidr = cidr;
            Description = description;
        }

        public string IpProtocol { get; }
        public int? FromPort { get; }
        public int? ToPort { get; }
        public Ipv4Block Cidr { get; }
        public string Description { get; }

        public override string ToString() =>
            IpProtocol == "-1" ? $"all {Cidr}" : $"{IpProtocol} {FromPort}-{ToPort} {Cidr}";
    }

    /// <summary>The NAT instances' security group.</summary>
    public sealed class SecurityGroupLayout : ResourceLayout
    {
        public SecurityGroupLayout(string vpcName, IReadOnlyList<SecurityGroupRule> ingress, IReadOnlyList<SecurityGroupRule> egress)
            : base(LayoutComponents.NatSecurityGroup, vpcName)
        {
            GroupName = LayoutNames.SecurityGroupName(vpcName);
            Ingress = ingress;
            Egress = egress;
        }

        public string GroupName { get; }

        public string Description => "HaNat NAT instances: everything in from the VPC, everything out";

        public IReadOnlyList<SecurityGroupRule> Ingress { get; }

        /// <summary>
        /// Everything out. EC2 gives a new group this rule by itself; the layout lists it so that the template and an
        /// audit can state it.
        /// </summary>
        public IReadOnlyList<SecurityGroupRule> Egress { get; }
    }
}
