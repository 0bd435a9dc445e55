using HaNat.Tagging;

namespace HaNat.Routing
{
    /// <summary>
    /// How HaNat recognises what it serves in a VPC it did not build (Add-HaNatVpc): the deployment's subnets carry
    /// hanat:served-by=&lt;name&gt;, which is also the NATs' private-subnet tag, and each table it serves carries the
    /// same tag, the zone whose NAT serves it and the default route's target before HaNat. Pure.
    /// </summary>
    internal static class ServedTables
    {
        /// <summary>The deployment's name when its private-subnet tag is hanat:served-by=&lt;name&gt;; null for a VPC HaNat built.</summary>
        public static string? DeploymentOf(PrivateSubnetTag tag) => tag.Key == HaNatTags.ServedBy ? tag.Value : null;

        /// <summary>Whether the table carries hanat:served-by=<paramref name="deployment"/>.</summary>
        public static bool IsServedBy(RouteTableInfo table, string deployment) =>
            table.Tags.TryGetValue(HaNatTags.ServedBy, out var value) && value == deployment;

        /// <summary>The zone whose NAT serves a served table (its hanat:zone); null when the table is not served or names none.</summary>
        public static string? ServingZone(RouteTableInfo table) =>
            table.Tags.ContainsKey(HaNatTags.ServedBy) && table.Tags.TryGetValue(HaNatTags.Zone, out var zone) && zone.Length > 0 ? zone : null;

        /// <summary>The NAT gateway the table's default route went to before HaNat (hanat:restore-default=nat-...); null for anything else.</summary>
        public static string? RecordedNatGateway(RouteTableInfo table) =>
            table.Tags.TryGetValue(HaNatTags.RestoreDefault, out var target) && target.StartsWith("nat-", System.StringComparison.Ordinal) ? target : null;
    }
}
