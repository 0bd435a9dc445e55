using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Takeover
{
    /// <summary>
    /// The refusals a takeover makes before it writes anything, with no I/O: the instance must be HaNat's own NAT,
    /// and a zone named for a failover must be one the VPC has a subnet in.
    /// </summary>
    internal static class TakeoverPreflight
    {
        /// <summary>
        /// A takeover turns source/dest check off, moves the zone's Elastic IP and points the zone's routes at the
        /// instance: done to an application instance, it breaks both the application and the zone. HaNat's NATs
        /// carry hanat:managed=true from their launch template (the boot takeover runs on such an instance);
        /// anything else needs -Force.
        /// </summary>
        public static void RequireHaNatInstance(InstanceInfo instance, bool force)
        {
            if (instance.IsHaNatManaged || force) return;
            throw new HaNatException("InstanceNotHaNat", HaNatErrorKind.InvalidOperation,
                $"Instance {instance.Id} is not a HaNat NAT: it has no tag {HaNatTags.Managed}={HaNatTags.ManagedValue}, which HaNat's launch " +
                "template puts on every NAT it launches. Name one of the VPC's NATs (Get-HaNatVpc lists them), or pass -Force " +
                "to make this instance the zone's NAT anyway.")
            { Target = instance.Id };
        }

        /// <summary>
        /// A zone the VPC has no subnet in (a typo, or another region's zone) finds nothing to take over, and the
        /// takeover would "succeed" having done nothing: refuse it, and name the zones the VPC has.
        /// </summary>
        public static void RequireVpcZone(string zone, string vpcId, string region, IReadOnlyCollection<string> vpcZones)
        {
            if (vpcZones.Contains(zone, StringComparer.Ordinal)) return;
            var known = vpcZones.Count == 0 ? "none" : string.Join(", ", vpcZones.OrderBy(z => z, StringComparer.Ordinal));
            throw new HaNatException("AvailabilityZoneNotFound", HaNatErrorKind.InvalidArgument,
                $"{vpcId} has no subnet in availability zone {zone} of {region} (its zones: {known}). " +
                "Pass one of those zones, or the -Region the zone belongs to.")
            { Target = zone };
        }
    }
}
