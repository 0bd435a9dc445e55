namespace HaNat.HostNat
{
    /// <summary>One change to the host for a zone's address: an address on the uplink, or a zone-address SNAT rule.</summary>
    internal sealed record ZoneHostStep(ZoneHostStepKind Kind, string Interface, string Address, IptablesRule? Rule)
    {
        public string Describe() => Kind switch
        {
            ZoneHostStepKind.AddAddress => $"ip addr add {Address}/32 dev {Interface}",
            ZoneHostStepKind.DeleteAddress => $"ip addr del {Address}/32 dev {Interface}",
            ZoneHostStepKind.InsertRule => "iptables -t nat -I " + Rule!.Describe().Substring(3) + " (first)",
            _ => "iptables -t nat -D " + Rule!.Describe().Substring(3),
        };
    }

    internal enum ZoneHostStepKind
    {
        AddAddress,
        InsertRule,
        DeleteRule,
        DeleteAddress,
    }
}
