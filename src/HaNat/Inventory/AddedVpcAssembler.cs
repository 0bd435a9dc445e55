using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.Inventory
{
    /// <summary>
    /// The HaNat VPC object for a deployment Add-HaNatVpc put into a VPC it did not build: per zone the subnet its NAT
    /// launches in (the group's subnet there), its Elastic IP and the tables it serves (hanat:served-by and hanat:zone).
    /// <see cref="HaNatVpc.Missing"/> lists only HaNat's parts: the VPC's gateway, subnets and tables are the user's.
    /// </summary>
    internal static class AddedVpcAssembler
    {
        /// <summary>A zone whose NAT serves no table: its served tables lost their tags, or were deleted.</summary>
        public const string ServedRouteTables = "served-route-tables";

        public static HaNatVpc Assemble(VpcInventory inventory)
        {
            var vpc = inventory.Vpc ?? throw new ArgumentException("Only an inventory with a VPC describes a HaNat VPC.", nameof(inventory));
            var name = inventory.Name;
            bool Ours(FoundResource r, LayoutComponent component) => Ownership.IsOf(r, name, vpc.Id) && Ownership.IsComponent(r, component);

            var group = inventory.Group;
            var launchSubnets = (group?.SubnetIds ?? Array.Empty<string>())
                .Select(id => inventory.Subnets.FirstOrDefault(s => s.Id == id)).Where(s => s != null).Select(s => s!).ToList();
            var addresses = inventory.Addresses.Where(a => Ours(a, LayoutComponents.ElasticIp)).ToList();
            var served = inventory.RouteTables.Where(t => t.Tag(HaNatTags.ServedBy) == name && t.Tag(HaNatTags.Zone) != null).ToList();

            var zones = launchSubnets.Select(s => s.AvailabilityZone)
                .Concat(addresses.Select(a => a.Tag(HaNatTags.Zone)).Where(z => z != null).Select(z => z!))
                .Concat(served.Select(t => t.Tag(HaNatTags.Zone)!))
                .Distinct(StringComparer.Ordinal).OrderBy(z => z, StringComparer.Ordinal).ToList();
            var missing = new List<string>();
            var zoneParts = zones.Select(zone =>
            {
                var subnet = launchSubnets.FirstOrDefault(s => s.AvailabilityZone == zone);
                var address = addresses.FirstOrDefault(a => a.Tag(HaNatTags.Zone) == zone);
                var tables = served.Where(t => t.Tag(HaNatTags.Zone) == zone).Select(t => t.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
                if (subnet == null) missing.Add($"{LayoutComponents.PublicSubnet} {zone}");
                if (address == null) missing.Add($"{LayoutComponents.ElasticIp} {zone}");
                if (tables.Count == 0) missing.Add($"{ServedRouteTables} {zone}");
                return new HaNatVpcZone(zone, subnet?.Id, null, null, address?.Id, address?.PublicIp, tables);
            }).ToList();

            var securityGroup = inventory.SecurityGroups.FirstOrDefault(g => Ours(g, LayoutComponents.NatSecurityGroup));
            if (zoneParts.Count == 0) missing.Add("zones");
            if (securityGroup == null) missing.Add(LayoutComponents.NatSecurityGroup.TagValue);
            if (group == null) missing.Add(LayoutComponents.AutoScalingGroup.TagValue);
            if (inventory.HeartbeatKeyParameter == null) missing.Add(HeartbeatKey.Component.TagValue);

            // The user's gateway, through which the NATs send.
            var gateway = inventory.InternetGateways.FirstOrDefault(g => g.AttachedVpcIds.Contains(vpc.Id));
            var iamName = LayoutNames.IamName(name, inventory.Region);
            return new HaNatVpc(name, vpc.Id, vpc.CidrBlock, inventory.Region, zoneParts, gateway?.Id, null, securityGroup?.Id,
                group?.Id, group?.LaunchTemplateId ?? inventory.LaunchTemplate?.Id, group?.LaunchTemplateName ?? inventory.LaunchTemplate?.Name,
                iamName, iamName, HeartbeatKey.ParameterName(name), missing, isAdded: true, isSpot: group?.IsSpot ?? false);
        }
    }
}
