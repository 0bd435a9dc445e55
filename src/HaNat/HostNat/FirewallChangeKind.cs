namespace HaNat.HostNat
{
    internal enum FirewallChangeKind
    {
        Add,
        Delete,
    }
}
