using HaNat.Aws.Ec2;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Install
{
    /// <summary>
    /// Decides, with no I/O, which NAT gateways a deployment may delete: a gateway some served table recorded
    /// (hanat:restore-default), that still exists, in a zone whose every served table now routes to the zone's own NAT,
    /// and that no table of the VPC still routes to (another zone's, when one gateway served every zone). Anything less keeps the gateway, with why: HaNat deletes a
    /// NAT gateway it did not make only when the user asked and nothing would lose its way out.
    /// </summary>
    internal static class GatewayRetirementPlanner
    {
        public static GatewayRetirementPlan Plan(InstallPlan plan, ExistingVpc vpc, IReadOnlyList<Ec2Instance> nats, IReadOnlyList<Ec2Address> zoneAddresses)
        {
            var retirements = new List<GatewayRetirement>();
            var kept = new List<(string, string)>();
            // Each table's default route, read once.
            var defaults = vpc.RouteTables.ToDictionary(t => t.Id, t => RouteReading.Table(t).DefaultRoute, StringComparer.Ordinal);
            foreach (var zone in plan.Zones)
            {
                var recorded = zone.ServedTables.Select(t => t.RestoreDefault).Where(t => t.StartsWith("nat-", StringComparison.Ordinal)).Distinct().ToList();
                var gateways = recorded.Select(id => vpc.NatGateways.FirstOrDefault(g => g.Id == id)).Where(g => g != null && g.State != "deleted" && g.State != "deleting").Select(g => g!).ToList();
                // The zone's NAT is the one its tables route to; any other running NAT of the zone (a replacement on
                // its way in) has not taken it.
                var inZone = nats.Where(n => n.AvailabilityZone == zone.Zone && n.State == "running").ToList();
                var routedTo = zone.ServedTables.Select(t => InstanceOf(defaults, t)).FirstOrDefault(id => id != null);
                var nat = inZone.FirstOrDefault(n => n.Id == routedTo) ?? inZone.FirstOrDefault();
                var stranded = zoneAddresses.FirstOrDefault(a => InZone(a, zone.Zone) && !IsHaNats(a) && a.InstanceId == null);
                if (gateways.Count == 0)
                {
                    // A run that deleted the gateway but stopped before moving its address: finish the move.
                    if (stranded != null && nat != null)
                    {
                        var ownAddress = zoneAddresses.FirstOrDefault(a => InZone(a, zone.Zone) && IsHaNats(a));
                        retirements.Add(new GatewayRetirement(zone.Zone, null, stranded.AllocationId, stranded.PublicIp, nat.Id, ownAddress?.AllocationId));
                    }
                    continue;
                }

                var notTaken = nat == null ? zone.ServedTables.ToList() : zone.ServedTables.Where(t => InstanceOf(defaults, t) != nat.Id).ToList();
                if (nat == null || notTaken.Count > 0)
                {
                    var why = nat == null
                        ? $"{zone.Zone} has no running NAT of this deployment yet"
                        : $"{zone.Zone}'s NAT {nat.Id} has not taken {string.Join(", ", notTaken.Select(t => t.TableId))} yet";
                    kept.AddRange(gateways.Select(g => (g.Id, why + ": run again once it has (Test-HaNatRouting shows where each table routes)")));
                    continue;
                }

                var adopted = zoneAddresses.Any(a => InZone(a, zone.Zone) && !IsHaNats(a));
                var own = zoneAddresses.FirstOrDefault(a => InZone(a, zone.Zone) && IsHaNats(a));
                foreach (var gateway in gateways)
                {
                    // Any table still on the gateway (another zone's not taken yet, as with one gateway for every
                    // zone, or one HaNat does not serve) would lose its way out.
                    var others = defaults.Where(d => d.Value?.TargetId == gateway.Id).Select(d => d.Key).ToList();
                    if (others.Count > 0)
                    {
                        kept.Add((gateway.Id, $"{string.Join(", ", others)} still {(others.Count == 1 ? "routes" : "route")} to it"));
                        continue;
                    }
                    // One address per zone: the first gateway's is adopted, and HaNat's own is released for it.
                    var adopt = !adopted && gateway.AllocationIds.Count > 0;
                    retirements.Add(new GatewayRetirement(zone.Zone, gateway.Id,
                        adopt ? gateway.AllocationIds[0] : null, adopt ? gateway.PublicIps.FirstOrDefault() : null, nat.Id,
                        adopt ? own?.AllocationId : null));
                    adopted |= adopt;
                }
            }
            return new GatewayRetirementPlan(retirements, kept);
        }

        private static bool IsHaNats(Ec2Address address) => HaNatTags.IsManaged(address.Tags);

        private static bool InZone(Ec2Address address, string zone) => address.Tags.TryGetValue(HaNatTags.Zone, out var z) && z == zone;

        /// <summary>The instance a served table's default route goes to; null for a table not made yet, or routed elsewhere.</summary>
        private static string? InstanceOf(IReadOnlyDictionary<string, DefaultRoute?> defaults, ServedTable table) =>
            table.TableId != null && defaults.TryGetValue(table.TableId, out var route) ? route?.InstanceId : null;
    }
}
