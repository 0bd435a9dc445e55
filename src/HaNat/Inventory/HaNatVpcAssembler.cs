using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Tagging;

namespace HaNat.Inventory
{
    /// <summary>
    /// Turns an inventory into the HaNat VPC object Get-HaNatVpc writes: each part is the resource tagged as that
    /// component of this VPC; what is expected and absent is listed in <see cref="HaNatVpc.Missing"/>.
    /// </summary>
    internal static class HaNatVpcAssembler
    {
        public static HaNatVpc Assemble(VpcInventory inventory)
        {
            if (inventory.IsAdded) return AddedVpcAssembler.Assemble(inventory);
            var vpc = inventory.Vpc ?? throw new ArgumentException("Only an inventory with a VPC describes a HaNat VPC.", nameof(inventory));
            var name = inventory.Name;
            bool Ours(FoundResource r, LayoutComponent component) => Ownership.IsOf(r, name, vpc.Id) && Ownership.IsComponent(r, component);

            var publicSubnets = inventory.Subnets.Where(s => Ours(s, LayoutComponents.PublicSubnet)).ToList();
            var privateSubnets = inventory.Subnets.Where(s => Ours(s, LayoutComponents.PrivateSubnet)).ToList();
            var privateTables = inventory.RouteTables.Where(t => Ours(t, LayoutComponents.PrivateRouteTable)).ToList();
            var addresses = inventory.Addresses.Where(a => Ours(a, LayoutComponents.ElasticIp)).ToList();
            var missing = new List<string>();

            var zones = ZoneOrder(publicSubnets, privateSubnets, privateTables, addresses).Select(zone =>
            {
                var publicSubnet = publicSubnets.FirstOrDefault(s => ZoneOf(s) == zone);
                var privateSubnet = privateSubnets.FirstOrDefault(s => ZoneOf(s) == zone);
                // The table the private subnet really uses, if it is HaNat's; else the zone's HaNat table.
                var table = privateTables.FirstOrDefault(t => privateSubnet != null && t.SubnetAssociations.Any(a => a.SubnetId == privateSubnet.Id))
                    ?? privateTables.FirstOrDefault(t => ZoneOf(t) == zone);
                var address = addresses.FirstOrDefault(a => ZoneOf(a) == zone);
                if (publicSubnet == null) missing.Add($"{LayoutComponents.PublicSubnet} {zone}");
                if (privateSubnet == null) missing.Add($"{LayoutComponents.PrivateSubnet} {zone}");
                if (table == null) missing.Add($"{LayoutComponents.PrivateRouteTable} {zone}");
                if (address == null) missing.Add($"{LayoutComponents.ElasticIp} {zone}");
                return new HaNatVpcZone(zone, publicSubnet?.Id, privateSubnet?.Id, table?.Id, address?.Id, address?.PublicIp);
            }).ToList();

            var gateway = inventory.InternetGateways.FirstOrDefault(g => Ours(g, LayoutComponents.InternetGateway) && g.AttachedVpcIds.Contains(vpc.Id));
            var publicTable = inventory.RouteTables.FirstOrDefault(t => Ours(t, LayoutComponents.PublicRouteTable));
            var securityGroup = inventory.SecurityGroups.FirstOrDefault(g => Ours(g, LayoutComponents.NatSecurityGroup));
            var group = inventory.Group;
            if (zones.Count == 0) missing.Add("zones");
            if (gateway == null) missing.Add(LayoutComponents.InternetGateway.TagValue);
            if (publicTable == null) missing.Add(LayoutComponents.PublicRouteTable.TagValue);
            if (securityGroup == null) missing.Add(LayoutComponents.NatSecurityGroup.TagValue);
            if (group == null) missing.Add(LayoutComponents.AutoScalingGroup.TagValue);
            // Without its key no NAT sends or believes a heartbeat, so none fails over: the VPC is not whole.
            if (inventory.HeartbeatKeyParameter == null) missing.Add(HeartbeatKey.Component.TagValue);

            var iamName = LayoutNames.IamName(name, inventory.Region);
            return new HaNatVpc(name, vpc.Id, vpc.CidrBlock, inventory.Region, zones, gateway?.Id, publicTable?.Id, securityGroup?.Id,
                group?.Id, group?.LaunchTemplateId ?? inventory.LaunchTemplate?.Id, group?.LaunchTemplateName ?? inventory.LaunchTemplate?.Name,
                iamName, iamName, HeartbeatKey.ParameterName(name), missing, isSpot: group?.IsSpot ?? false);
        }

        /// <summary>
        /// The zones in the order they were given to New-HaNatVpc: zone i's public subnet is the i-th slot of the VPC
        /// (<see cref="SubnetCarving"/>), so address order is zone order. Zones known only from other parts follow, by name.
        /// </summary>
        private static IEnumerable<string> ZoneOrder(IEnumerable<FoundSubnet> publicSubnets, IEnumerable<FoundSubnet> privateSubnets,
            IEnumerable<FoundResource> tables, IEnumerable<FoundResource> addresses)
        {
            var bySlot = publicSubnets.Concat(privateSubnets)
                .Select(s => (Zone: ZoneOf(s), Address: Ipv4Block.TryParse(s.CidrBlock)?.Network ?? uint.MaxValue, IsPrivate: s.Tag(HaNatTags.Component) == LayoutComponents.PrivateSubnet.TagValue))
                .Where(s => s.Zone != null)
                .OrderBy(s => s.IsPrivate).ThenBy(s => s.Address)
                .Select(s => s.Zone!);
            var others = tables.Concat(addresses).Select(ZoneOf).Where(z => z != null).Select(z => z!).OrderBy(z => z, StringComparer.Ordinal);
            return bySlot.Concat(others).Distinct(StringComparer.Ordinal).ToList();
        }

        private static string? ZoneOf(FoundResource resource) => resource.Tag(HaNatTags.Zone);
    }
}
