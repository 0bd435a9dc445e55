namespace HaNat.HostNat
{
    /// <summary>One iptables write, and the line the report shows for it.</summary>
    internal sealed record FirewallChange(FirewallChangeKind Kind, string Table, IptablesRule Rule, string Description);
}
