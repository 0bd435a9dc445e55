namespace HaNat.HostNat
{
    /// <summary>
    /// One change to the host for a connection relay (<see cref="RelayPlanner"/>): an iptables rule put first in a chain
    /// of <see cref="Table"/> or deleted, an `ip` command (a rule or a route of the relay's routing table), or the
    /// deletion of the conntrack entries of a relay's <see cref="Mark"/>.
    /// </summary>
    internal sealed record RelayStep(RelayStepKind Kind, string? Table, IptablesRule? Rule, IReadOnlyList<string>? IpArguments, uint Mark = 0)
    {
        public static RelayStep Insert(string table, IptablesRule rule) => new RelayStep(RelayStepKind.InsertRule, table, rule, null);

        public static RelayStep Delete(string table, IptablesRule rule) => new RelayStep(RelayStepKind.DeleteRule, table, rule, null);

        public static RelayStep Ip(params string[] arguments) => new RelayStep(RelayStepKind.Ip, null, null, arguments);

        public static RelayStep FlushConntrack(uint mark) => new RelayStep(RelayStepKind.FlushConntrack, null, null, null, mark);

        public string Describe() => Kind switch
        {
            RelayStepKind.InsertRule => $"iptables -t {Table} -I " + Rule!.Describe().Substring(3) + " (first)",
            RelayStepKind.DeleteRule => $"iptables -t {Table} -D " + Rule!.Describe().Substring(3),
            RelayStepKind.FlushConntrack => $"conntrack -D -f ipv4 --mark 0x{Mark:x}/0x{RelayPlanner.MarkMask:x}",
            _ => "ip " + string.Join(" ", IpArguments!),
        };
    }

    internal enum RelayStepKind
    {
        InsertRule,
        DeleteRule,
        Ip,
        FlushConntrack,
    }
}
