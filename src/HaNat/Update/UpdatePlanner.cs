using System.Globalization;
using HaNat.NatDeployment;

namespace HaNat.Update
{
    /// <summary>
    /// Decides an Update-HaNatVpc from what was read, without any call: the launch template's new version (the
    /// default version with the changed settings), and which zones' NATs are replaced, in zone order. It refuses,
    /// before any write, a deployment that is not steady: a zone with no NAT or with two (a replacement under way), a
    /// NAT the group does not count InService and Healthy, a table not routed to its zone's own NAT (a failover in
    /// progress, or a NAT that has not taken its zone yet). A rollout makes every zone change hands once; it must not
    /// start while the monitors are moving zones themselves.
    /// </summary>
    internal static class UpdatePlanner
    {
        public const string ZoneNotSteady = "ZoneNotSteady";
        public const string ZoneServedByPeer = "ZoneServedByPeer";
        public const string DeploymentIncomplete = "HaNatVpcIncomplete";

        /// <param name="spot">True: run the NATs on spot (-Spot); false: on-demand (-OnDemand); null: as the group runs them now.</param>
        public static UpdatePlan Plan(UpdateSnapshot snapshot, LaunchSettings desired, bool? spot = null)
        {
            var template = snapshot.Template;
            var group = snapshot.Group;
            if (template == null || group == null || snapshot.Zones.Count == 0)
            {
                var missing = new[] { template == null ? "its launch template" : null, group == null ? "its Auto Scaling group" : null, snapshot.Zones.Count == 0 ? "any zone" : null }
                    .Where(m => m != null);
                throw new HaNatException(DeploymentIncomplete, HaNatErrorKind.InvalidOperation,
                    $"HaNat VPC '{snapshot.Name}' ({snapshot.VpcId}) has no {string.Join(" nor ", missing)}: there is nothing to update. " +
                    $"Get-HaNatVpc -Name {snapshot.Name} lists what is missing; Remove-HaNatVpc finishes a removal that stopped half-way.")
                { Target = snapshot.Name };
            }

            var live = snapshot.Nats.Where(n => !n.IsLeaving).ToList();
            var natOf = new Dictionary<string, NatState>(StringComparer.Ordinal);
            foreach (var zone in snapshot.Zones) natOf[zone.Zone] = SteadyNat(snapshot, zone, live);
            foreach (var zone in snapshot.Zones) CheckServed(snapshot, zone, natOf[zone.Zone], live);

            var changes = desired.ChangesFrom(template.Settings);
            var target = changes.Count > 0 ? template.LatestVersion + 1 : template.DefaultVersion;
            var onSpot = spot ?? group.IsSpot;
            var spotLayout = onSpot ? new SpotLayout(SpotInstanceTypes.Overrides(desired.InstanceType), snapshot.Zones.Count) : null;
            var replaced = ZonesToReplace(snapshot.Zones.Select(z => natOf[z.Zone]).ToList(), target, spotLayout);
            var replacements = snapshot.Zones
                .Where(z => replaced.ContainsKey(z.Zone))
                .Select(z => new ZoneReplacement(z.Zone, natOf[z.Zone].InstanceId, natOf[z.Zone].TemplateVersion, z.NatSubnetId!, z.Tables.Select(t => t.Id), replaced[z.Zone]))
                .ToList();
            int? raise = replacements.Count > 0 && group.MaxSize < group.DesiredCapacity + 1 ? group.DesiredCapacity + 1 : (int?)null;
            return new UpdatePlan(snapshot, template.Settings, desired, changes, replacements, raise, spotLayout, onSpot != group.IsSpot);
        }

        /// <summary>
        /// The zones whose NAT is replaced, each with whether its new NAT is spot. A NAT is replaced when it is not on
        /// the target version, or not of the purchase option the group asks for: on-demand, no spot NAT; on spot, the
        /// first <see cref="SpotLayout.OnDemandBaseCapacity"/> on-demand NATs that stay count as the base, and any
        /// on-demand NAT beyond it is replaced by a spot one. New NATs fill what the base still lacks, in zone order.
        /// </summary>
        private static Dictionary<string, bool> ZonesToReplace(IReadOnlyList<NatState> nats, long target, SpotLayout? spot)
        {
            var replaced = new Dictionary<string, bool>(StringComparer.Ordinal);
            var baseLeft = spot?.OnDemandBaseCapacity ?? int.MaxValue;
            var staying = new List<NatState>();
            foreach (var nat in nats)
            {
                if (nat.TemplateVersion != target || (spot == null && nat.IsSpot)) replaced[nat.Zone] = false;
                else staying.Add(nat);
            }
            if (spot != null)
            {
                foreach (var nat in staying.Where(n => !n.IsSpot))
                {
                    if (baseLeft > 0) baseLeft--;
                    else replaced[nat.Zone] = false;
                }
            }
            foreach (var nat in nats.Where(n => replaced.ContainsKey(n.Zone)))
            {
                var onDemand = spot == null || baseLeft > 0;
                if (spot != null && onDemand) baseLeft--;
                replaced[nat.Zone] = !onDemand;
            }
            return replaced;
        }

        /// <summary>The zone's one NAT, InService and Healthy, or the refusal that says why the zone is not steady.</summary>
        private static NatState SteadyNat(UpdateSnapshot snapshot, ZoneState zone, IReadOnlyList<NatState> live)
        {
            var nats = live.Where(n => n.Zone == zone.Zone).ToList();
            string? problem = null;
            if (zone.NatSubnetId == null) problem = "has no subnet for its NAT (Get-HaNatVpc lists what is missing)";
            else if (nats.Count == 0) problem = "has no NAT: the group is replacing it, or it is being built";
            else if (nats.Count > 1) problem = $"has {nats.Count} NATs ({string.Join(", ", nats.Select(n => n.InstanceId))}): a replacement is under way";
            else if (!nats[0].IsInService || !nats[0].IsHealthy)
                problem = $"has its NAT {nats[0].InstanceId} {nats[0].LifecycleState} and {nats[0].HealthStatus} in the group, not InService and Healthy";
            else if (zone.Tables.Count == 0) problem = "serves no route table (Get-HaNatVpc lists what is missing)";
            if (problem != null)
            {
                throw new HaNatException(ZoneNotSteady, HaNatErrorKind.InvalidOperation,
                    $"{zone.Zone} of HaNat VPC '{snapshot.Name}' {problem}. Update-HaNatVpc rolls only a steady deployment, one InService NAT " +
                    $"serving each zone; nothing was changed. Wait until the group has one healthy NAT in {zone.Zone} serving its tables, then run it again.")
                { Target = zone.Zone };
            }
            return nats[0];
        }

        /// <summary>Every table of the zone routes to the zone's own NAT: not to a peer (a failover), nor elsewhere (not yet taken).</summary>
        private static void CheckServed(UpdateSnapshot snapshot, ZoneState zone, NatState nat, IReadOnlyList<NatState> live)
        {
            foreach (var table in zone.Tables)
            {
                if (table.RouteInstanceId == nat.InstanceId) continue;
                var peer = live.FirstOrDefault(n => n.InstanceId == table.RouteInstanceId);
                if (peer != null)
                {
                    throw new HaNatException(ZoneServedByPeer, HaNatErrorKind.InvalidOperation,
                        $"{zone.Zone} of HaNat VPC '{snapshot.Name}' is served by {peer.Zone}'s NAT {peer.InstanceId} (route table {table.Id}), not by its own NAT " +
                        $"{nat.InstanceId}: a failover is in progress. Nothing was changed. Run Update-HaNatVpc again once {nat.InstanceId} has taken its zone back " +
                        "(Test-HaNatRouting shows each table's NAT).")
                    { Target = zone.Zone };
                }
                throw new HaNatException(ZoneNotSteady, HaNatErrorKind.InvalidOperation,
                    $"Route table {table.Id} of {zone.Zone} in HaNat VPC '{snapshot.Name}' sends 0.0.0.0/0 to {table.RouteTarget ?? "nothing (no default route)"}, " +
                    $"not to the zone's NAT {nat.InstanceId}: the NAT has not taken its zone. Nothing was changed. Run Update-HaNatVpc again once it has " +
                    "(Test-HaNatRouting shows each table's NAT; the NAT's takeover log says why it has not).")
                { Target = table.Id };
            }
        }

        /// <summary>The plan as -WhatIf and the confirmation say it: the version change, then each zone in order.</summary>
        public static IReadOnlyList<(string Target, string Action)> Describe(UpdatePlan plan)
        {
            var lines = new List<(string, string)>();
            var version = plan.TargetVersion.ToString(CultureInfo.InvariantCulture);
            if (plan.CreatesVersion)
            {
                lines.Add(($"launch template {plan.Template.Name} ({plan.Template.Id})",
                    $"Create version {version} from version {plan.Template.DefaultVersion.ToString(CultureInfo.InvariantCulture)} ({string.Join("; ", plan.Changes)}) and make it the default"));
                if (plan.UpdatesGroupVersion && !plan.UpdatesGroupLaunch)
                    lines.Add(($"Auto Scaling group {plan.Group.Name}", $"Launch version {version} (now {plan.Group.TemplateVersion})"));
            }
            if (plan.UpdatesGroupLaunch)
            {
                lines.Add(($"Auto Scaling group {plan.Group.Name}", plan.Spot == null
                    ? $"Run every NAT on-demand: launch template {plan.Template.Name} version {GroupVersion(plan)} without the mixed instances policy, capacity rebalancing off"
                    : $"Run the NATs on {plan.Spot} (launch template {plan.Template.Name} version {GroupVersion(plan)})"));
            }
            if (plan.RaiseMaxSizeTo is int raise)
                lines.Add(($"Auto Scaling group {plan.Group.Name}", $"Raise MaxSize {plan.Group.MaxSize} -> {raise} while a zone has two NATs, and put it back at the end"));
            for (var i = 0; i < plan.Replacements.Count; i++)
            {
                var zone = plan.Replacements[i];
                lines.Add(($"{zone.Zone} ({i + 1} of {plan.Replacements.Count})",
                    $"Replace NAT {zone.OldInstanceId} (version {zone.OldVersion?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}) with a new " +
                    (plan.Spot != null || plan.SwitchesPurchase ? (zone.LaunchesSpot ? "spot " : "on-demand ") : string.Empty) +
                    $"NAT of version {version} in {zone.SubnetId}: once it serves {string.Join(", ", zone.TableIds)}, terminate {zone.OldInstanceId}"));
            }
            return lines;
        }

        /// <summary>
        /// The version the group names after the update: a group that pins a number moves to the NATs' version; one
        /// that names $Default or $Latest keeps naming it.
        /// </summary>
        public static string GroupVersion(UpdatePlan plan) =>
            plan.Group.PinsVersion || plan.Group.TemplateVersion == null ? plan.TargetVersion.ToString(CultureInfo.InvariantCulture) : plan.Group.TemplateVersion;
    }
}
