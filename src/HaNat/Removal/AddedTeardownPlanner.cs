using HaNat.Inventory;
using HaNat.Layout;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Removal
{
    /// <summary>
    /// Plans Remove-HaNatVpc for a deployment Add-HaNatVpc put into a VPC HaNat did not build, with no I/O. It puts back
    /// what was there, then deletes only what HaNat made, then takes off only the tags HaNat added:
    /// <list type="number">
    /// <item>each served table's default route back to its recorded target (hanat:restore-default), while the NATs
    /// still serve, so the subnets never lose their way out; a target that is gone leaves the table with no default
    /// route and a warning naming it;</item>
    /// <item>the tables HaNat made for subnets on the main table: the subnet goes back to the main table, the table goes;</item>
    /// <item>the deployment, as in a VPC HaNat built (group with its NATs, launch template, profile, role, heartbeat
    /// key, Elastic IPs), and its security group;</item>
    /// <item>hanat:served-by, hanat:zone and hanat:restore-default by key and value, the VPC's last, so that a removal
    /// that stopped half-way is found and finished by running it again.</item>
    /// </list>
    /// Never the VPC, its gateway, its subnets or the user's tables; someone's instances and security groups there are
    /// the normal case, not a refusal.
    /// </summary>
    internal static class AddedTeardownPlanner
    {
        public static TeardownPlan Plan(VpcInventory inventory)
        {
            var vpc = inventory.Vpc ?? throw new ArgumentException("An added deployment is found by its VPC.", nameof(inventory));
            var name = inventory.Name;
            var steps = new List<TeardownStep>();
            var leftAlone = new List<string>();
            var warnings = new List<string>();
            bool Made(FoundResource r) => Ownership.IsInVpcOf(r, name, vpc.Id);
            var targets = new RestoreTargets(inventory);

            var served = inventory.RouteTables.Where(t => t.Tag(HaNatTags.ServedBy) == name && !Made(t)).ToList();
            foreach (var table in served) PlanRestore(table, targets, steps, leftAlone, warnings);

            // Never the main table (HaNat never tags it as made), whatever its tags say.
            foreach (var table in inventory.RouteTables.Where(t => !t.IsMain && Made(t)))
            {
                foreach (var (association, subnet) in table.SubnetAssociations)
                {
                    steps.Add(new TeardownStep(TeardownAction.DisassociateRouteTable, association, $"{subnet} from {table.Describe("route table")} (back to the main table)"));
                }
                steps.Add(new TeardownStep(TeardownAction.DeleteRouteTable, table.Id, table.Describe("route table") + ", with its routes"));
            }

            TeardownPlanner.PlanDeployment(inventory, steps, leftAlone);
            foreach (var group in inventory.SecurityGroups.Where(g => !g.IsDefault && Made(g)))
            {
                steps.Add(new TeardownStep(TeardownAction.DeleteSecurityGroup, group.Id, group.Describe("security group")));
            }

            foreach (var table in served)
            {
                AddTagRemoval(steps, table, table.Describe("route table"), HaNatTags.ServedBy, HaNatTags.Zone, HaNatTags.RestoreDefault);
            }
            foreach (var subnet in inventory.Subnets.Where(s => s.Tag(HaNatTags.ServedBy) == name && !Made(s)))
            {
                AddTagRemoval(steps, subnet, subnet.Describe("subnet"), HaNatTags.ServedBy);
            }
            foreach (var address in inventory.AdoptedAddresses)
            {
                AddTagRemoval(steps, address, $"Elastic IP {address.PublicIp} ({address.Id}), adopted from a NAT gateway: it stays yours",
                    HaNatTags.ServedBy, HaNatTags.Zone, HaNatTags.VpcId);
            }
            AddTagRemoval(steps, vpc, vpc.Describe("VPC") + " (the VPC itself stays)", HaNatTags.ServedBy);

            return new TeardownPlan(name, vpc.Id, steps, Array.Empty<string>(), leftAlone, isAdded: true, warnings);
        }

        /// <summary>
        /// One served table: its default route back to the recorded target if that still exists; else no default route
        /// (the route to a NAT about to go, or to a target already gone, is deleted) and a warning. A default route
        /// someone has since pointed elsewhere is theirs and stays.
        /// </summary>
        private static void PlanRestore(FoundRouteTable table, RestoreTargets targets, List<TeardownStep> steps, List<string> leftAlone, List<string> warnings)
        {
            var restore = table.Tag(HaNatTags.RestoreDefault) ?? HaNatTags.NoDefaultRoute;
            var current = table.DefaultRoute;
            var label = table.Describe("route table");
            var replaceable = current != null && (targets.IsHaNatNat(current) || targets.IsDead(current));
            var hasTarget = restore != HaNatTags.NoDefaultRoute;

            if (hasTarget && targets.Exists(restore))
            {
                if (current == null)
                {
                    steps.Add(new TeardownStep(TeardownAction.CreateRoute, table.Id, $"{label}: 0.0.0.0/0 to {restore} (as before HaNat)", restore));
                }
                else if (!current.Blackhole && IsTo(current, restore))
                {
                    // Already as it was: a peer's failover, or a first run, put it back.
                }
                else if (replaceable)
                {
                    steps.Add(new TeardownStep(TeardownAction.ReplaceRoute, table.Id, $"{label}: 0.0.0.0/0 from {current} back to {restore}", restore));
                }
                else
                {
                    leftAlone.Add($"{label}: its default route goes to {current}, which HaNat did not set; it stays (before HaNat it went to {restore})");
                }
                return;
            }

            if (current != null && replaceable)
            {
                steps.Add(new TeardownStep(TeardownAction.DeleteRoute, table.Id,
                    $"{label}: 0.0.0.0/0 to {current}" + (hasTarget ? $" ({restore}, its target before HaNat, is gone)" : " (it had no default route before HaNat)")));
            }
            else if (current != null)
            {
                leftAlone.Add($"{label}: its default route goes to {current}, which HaNat did not set; it stays");
                return;
            }
            if (hasTarget) warnings.Add($"{table.Describe("Route table")}: no default route now: its {KindOf(restore)} {restore} is gone");
        }

        private static bool IsTo(DefaultRoute route, string target) =>
            route.TargetId == target || route.InstanceId == target || route.NetworkInterfaceId == target;

        private static string KindOf(string target) => RouteRequests.KindOf(target) switch
        {
            RouteTargetKind.NatGateway => "NAT gateway",
            RouteTargetKind.Instance => "NAT instance",
            RouteTargetKind.NetworkInterface => "network interface",
            _ => "target",
        };

        private static void AddTagRemoval(List<TeardownStep> steps, FoundResource resource, string label, params string[] keys)
        {
            var tags = keys.Where(k => resource.Tag(k) != null).Select(k => new KeyValuePair<string, string>(k, resource.Tag(k)!)).ToList();
            if (tags.Count == 0) return;
            steps.Add(new TeardownStep(TeardownAction.DeleteTags, resource.Id,
                $"{label}: {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}", tags: tags));
        }

        /// <summary>What a served table's default route may go to, and which routes are HaNat's NATs' or dead.</summary>
        private sealed class RestoreTargets
        {
            private readonly VpcInventory _inventory;
            private readonly HashSet<string> _nats;

            public RestoreTargets(VpcInventory inventory)
            {
                _inventory = inventory;
                // The deployment's NATs: listed in its group, tagged with the group's name by Auto Scaling, or launched
                // from its template (hanat:managed with this name).
                var groupName = LayoutNames.AutoScalingGroupName(inventory.Name);
                _nats = new HashSet<string>(inventory.Group?.InstanceIds ?? Array.Empty<string>(), StringComparer.Ordinal);
                foreach (var instance in inventory.Instances.Where(i => i.Tag("aws:autoscaling:groupName") == groupName
                    || Ownership.IsOf(i, inventory.Name, inventory.Vpc?.Id)))
                {
                    _nats.Add(instance.Id);
                }
            }

            /// <summary>The recorded target is still there to send to.</summary>
            public bool Exists(string target) => RouteRequests.KindOf(target) switch
            {
                RouteTargetKind.NatGateway => _inventory.NatGateways.Any(g => g.Id == target && g.IsAvailable),
                RouteTargetKind.Instance => _inventory.Instances.Any(i => i.Id == target),
                RouteTargetKind.NetworkInterface => _inventory.NetworkInterfaces.Any(n => n.Id == target),
                // Add-HaNatVpc records only those kinds; anything else is tried as recorded.
                _ => true,
            };

            public bool IsHaNatNat(DefaultRoute route) =>
                (route.InstanceId != null && _nats.Contains(route.InstanceId))
                || (route.NetworkInterfaceId != null && _inventory.NetworkInterfaces.Any(n => n.Id == route.NetworkInterfaceId && n.InstanceId != null && _nats.Contains(n.InstanceId)));

            /// <summary>
            /// A route that carries nothing: a blackhole, or to a NAT gateway, instance or interface no longer there
            /// (EC2 reports some of those as blackholes only after a while).
            /// </summary>
            public bool IsDead(DefaultRoute route) => route.Blackhole || route.Kind switch
            {
                RouteTargetKind.NatGateway => !_inventory.NatGateways.Any(g => g.Id == route.TargetId && g.IsAvailable),
                RouteTargetKind.Instance => !_inventory.Instances.Any(i => i.Id == route.InstanceId),
                RouteTargetKind.NetworkInterface => !_inventory.NetworkInterfaces.Any(n => n.Id == route.NetworkInterfaceId),
                _ => false,
            };
        }
    }
}
