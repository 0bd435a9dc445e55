namespace HaNat.HostNat
{
    /// <summary>
    /// One change to the host for a connection relay (<see cref="RelayPlanner"/>): an iptables rule put first in a chain
    /// of <see cref="Table"/> or deleted, or an `ip` command (a rule or a route of the relay's routing table).
    /// </summary>
    internal sealed record RelayStep(RelayStepKind Kind, string? Table, IptablesRule? Rule, IReadOnlyList<string>? IpArguments)
    {
        public static RelayStep Insert(string table, IptablesRule rule) => new RelayStep(RelayStepKind.InsertRule, table, rule, null);

        public static RelayStep Delete(string table, IptablesRule rule) => new RelayStep(RelayStepKind.DeleteRule, table, rule, null);

        public static RelayStep Ip(params string[] arguments) => new RelayStep(RelayStepKind.Ip, null, null, arguments);

        public string Describe() => Kind switch
        {
            RelayStepKind.InsertRule => $"iptables -t {Table} -I " + Rule!.Describe().Substring(3) + " (first)",
            RelayStepKind.DeleteRule => $"iptables -t {Table} -D " + Rule!.Describe().Substring(3),
            _ => "ip " + string.Join(" ", IpArguments!),
        };
    }

    internal enum RelayStepKind
    {
        InsertRule,
        DeleteRule,
        Ip,
    }
}
