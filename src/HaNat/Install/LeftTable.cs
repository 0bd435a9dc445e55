namespace HaNat.Install
{
    /// <summary>A route table of the VPC that HaNat leaves as it is, and why; Add-HaNatVpc reports each.</summary>
    internal sealed class LeftTable
    {
        public LeftTable(string tableId, IEnumerable<string> subnetIds, string reason)
        {
            TableId = tableId;
            SubnetIds = subnetIds.ToArray();
            Reason = reason;
        }

        public string TableId { get; }
        public IReadOnlyList<string> SubnetIds { get; }
        public string Reason { get; }
    }
}
