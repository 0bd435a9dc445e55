using HaNat.Network;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// One rule of the NAT security group: from a CIDR block, or (<see cref="Cidr"/> null) from the group itself, that
    /// is from the other HaNat NATs. <see cref="IpProtocol"/> "-1" means every protocol and port; for "icmp" the
    /// ports are the ICMP type and code (-1: any).
    /// </summary>
    internal sealed class SecurityGroupRule
    {
        public SecurityGroupRule(string ipProtocol, int? fromPort, int? toPort, Ipv4Block? cidr, string description)
        {
            IpProtocol = ipProtocol;
            FromPort = fromPort;
            ToPort = toPort;
            Cidr = cidr;
            Description = description;
        }

        /// <summary>A rule whose source is the group itself.</summary>
        public static SecurityGroupRule FromItself(string ipProtocol, int fromPort, int toPort, string description) =>
            new SecurityGroupRule(ipProtocol, fromPort, toPort, null, description);

        public string IpProtocol { get; }
        public int? FromPort { get; }
        public int? ToPort { get; }
        /// <summary>The source block; null when the source is the group itself.</summary>
        public Ipv4Block? Cidr { get; }
        public bool FromSameGroup => Cidr == null;
        public string Description { get; }

        public override string ToString()
        {
            var source = Cidr?.ToString() ?? "from the NATs' own group";
            if (IpProtocol == "-1") return $"all {source}";
            if (IpProtocol == "icmp") return $"icmp type {FromPort} {source}";
            return FromPort == ToPort ? $"{IpProtocol} {FromPort} {source}" : $"{IpProtocol} {FromPort}-{ToPort} {source}";
        }
    }
}
