namespace HaNat.HostNat
{
    /// <summary>One iptables write, and the line the report shows for it.</summary>
    internal sealed class FirewallChange
    {
        public FirewallChange(FirewallChangeKind kind, string table, IptablesRule rule, string description)
        {
            Kind = kind;
            Table = table;
            Rule = rule;
            Description = description;
        }

        public FirewallChangeKind Kind { get; }
        public string Table { get; }
        public IptablesRule Rule { get; }
        public string Description { get; }
    }
}
