namespace HaNat.Tagging
{
    /// <summary>
    /// The tags that say a resource is HaNat's. HaNat deletes or rewrites only what carries <see cref="Managed"/>,
    /// and the IAM policies scope writes with the same keys.
    /// </summary>
    internal static class HaNatTags
    {
        public const string Managed = "hanat:managed";
        public const string ManagedValue = "true";
        public const string VpcName = "hanat:vpc-name";
        public const string VpcId = "hanat:vpc-id";
        public const string Zone = "hanat:zone";
        public const string Component = "hanat:component";

        /// <summary>Whether the tags say HaNat made the resource: <see cref="Managed"/>=<see cref="ManagedValue"/>.</summary>
        public static bool IsManaged(IReadOnlyDictionary<string, string> tags) =>
            tags.TryGetValue(Managed, out var value) && value == ManagedValue;

        /// <summary>
        /// On what HaNat serves in a VPC it did not build (Add-HaNatVpc), with the deployment's name as the value: the
        /// VPC, the subnets whose tables the NATs write (the NATs' private-subnet tag), those route tables, and an
        /// Elastic IP it adopted. Distinct from <see cref="Managed"/>, which means "HaNat made this": HaNat never
        /// deletes what carries only this tag, and Remove-HaNatVpc takes the tag off again.
        /// </summary>
        public const string ServedBy = "hanat:served-by";

        /// <summary>
        /// On the NATs' IAM role: a digest of the NatInstance policy HaNat put on it (<see cref="NatDeployment.NatRoleLayout.PolicyDigest"/>),
        /// so that Update-HaNatVpc knows, from the GetRole it already may call, whether the role still has this
        /// version's policy, without reading the policy (which the Operator policy does not allow).
        /// </summary>
        public const string NatPolicy = "hanat:nat-policy";

        /// <summary>
        /// On the NATs' IAM role of a deployment made with -NoAlarms, with the value <see cref="AlarmsNone"/>: the choice
        /// is kept, so that Update-HaNatVpc does not make the alarms the user declined.
        /// </summary>
        public const string Alarms = "hanat:alarms";

        public const string AlarmsNone = "none";

        /// <summary>
        /// On a route table HaNat serves in a VPC it did not build: its default route's target before HaNat came
        /// (nat-..., i-..., eni-...), or <see cref="NoDefaultRoute"/>. Remove-HaNatVpc puts it back; the takeover
        /// falls back to a NAT gateway recorded here when the zone's own NAT fails.
        /// </summary>
        public const string RestoreDefault = "hanat:restore-default";

        public const string NoDefaultRoute = "none";

        /// <summary>
        /// On what a Packer build of the NAT image makes (instance, volumes, temporary security group, AMI, snapshots):
        /// the PackerBuilder policy lets the build change only what carries it.
        /// </summary>
        public const string PackerBuild = "hanat:packer";

        /// <summary>
        /// On the AMI that HaNat's Packer template builds, with the value <see cref="NatImage"/>: Get-HaNatImage and
        /// New-HaNatVpc find the newest image the account owns with this tag, instead of a map of AMI ids per region.
        /// </summary>
        public const string Image = "hanat:image";

        public const string NatImage = "nat";

        /// <summary>
        /// The name of the HaNat deployment a VPC's tags say it has: hanat:vpc-name on a VPC HaNat built, else
        /// hanat:served-by on one Add-HaNatVpc serves; null when neither is there.
        /// </summary>
        public static string? DeploymentNameOf(IReadOnlyDictionary<string, string> vpcTags)
        {
            if (vpcTags.TryGetValue(VpcName, out var name) && !string.IsNullOrWhiteSpace(name)) return name.Trim();
            if (vpcTags.TryGetValue(ServedBy, out var servedBy) && !string.IsNullOrWhiteSpace(servedBy)) return servedBy.Trim();
            return null;
        }
    }
}
