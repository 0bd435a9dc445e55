namespace HaNat.Install
{
    /// <summary>A private route table the zone's NAT will serve, and what its default route goes to now.</summary>
    internal sealed class ServedTable
    {
        public ServedTable(string? tableId, string zone, IEnumerable<string> subnetIds, string? currentTarget, string restoreDefault,
            string? sourceTableId, bool alreadyServed)
        {
            TableId = tableId;
            Zone = zone;
            SubnetIds = subnetIds.ToArray();
            CurrentTarget = currentTarget;
            RestoreDefault = restoreDefault;
            SourceTableId = sourceTableId;
            AlreadyServed = alreadyServed;
        }

        /// <summary>Null for a table HaNat makes for a subnet on the main table (it has no id until made).</summary>
        public string? TableId { get; }

        /// <summary>The zone whose NAT serves the table (tag hanat:zone).</summary>
        public string Zone { get; }

        /// <summary>The subnets that use the table, each tagged hanat:served-by.</summary>
        public IReadOnlyList<string> SubnetIds { get; }

        /// <summary>The default route's target now ("nat-... (blackhole)" when its target is gone); null: no default route.</summary>
        public string? CurrentTarget { get; }

        /// <summary>What Remove-HaNatVpc puts back: the target before HaNat, or "none" (tag hanat:restore-default).</summary>
        public string RestoreDefault { get; }

        /// <summary>The main table whose routes a new table copies, when HaNat makes one for a subnet on it.</summary>
        public string? SourceTableId { get; }

        public bool IsNewTable => SourceTableId != null;

        /// <summary>Tagged for this deployment by an earlier Add-HaNatVpc: nothing to write.</summary>
        public bool AlreadyServed { get; }
    }
}
