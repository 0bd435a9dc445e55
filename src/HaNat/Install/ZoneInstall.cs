namespace HaNat.Install
{
    /// <summary>One zone of an install: the public subnet its NAT launches in, and the private tables it serves.</summary>
    internal sealed class ZoneInstall
    {
        public ZoneInstall(string zone, string publicSubnetId, IEnumerable<ServedTable> servedTables)
        {
            Zone = zone;
            PublicSubnetId = publicSubnetId;
            ServedTables = servedTables.ToArray();
        }

        public string Zone { get; }
        public string PublicSubnetId { get; }
        public IReadOnlyList<ServedTable> ServedTables { get; }
    }
}
