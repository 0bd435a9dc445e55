using HaNat.Aws.Ec2;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Install
{
    /// <summary>
    /// Decides, with no I/O, what Add-HaNatVpc does in a VPC it did not build: per zone the public subnet its NAT
    /// launches in and the private tables it serves. Served by default: the tables of non-public subnets whose default
    /// route goes to a NAT gateway or a NAT instance, or is a blackhole one left. A table with no default route is
    /// isolated on purpose (database tiers) and is served only when named. A table that sends 0.0.0.0/0 anywhere else
    /// (transit gateway, VPN, peering, firewall endpoint) is left alone and reported. A subnet on the main table gets a
    /// table of its own; the main table itself is never changed. Every refusal comes before any write.
    /// </summary>
    internal static class InstallPlanner
    {
        public static InstallPlan Plan(ExistingVpc vpc, InstallRequest request)
        {
            var name = request.Name;
            var alreadyInstalled = CheckVpc(vpc, name);
            if (vpc.InternetGatewayIds.Count == 0)
            {
                throw Refuse("NoInternetGateway", HaNatErrorKind.InvalidOperation, vpc.Vpc.Id,
                    $"VPC {vpc.Vpc.Id} has no internet gateway attached, so a NAT there cannot reach the internet. Attach one, with a public subnet per zone whose table sends 0.0.0.0/0 to it.");
            }

            var publicByZone = PublicSubnets(vpc);
            var chosenPublic = CheckChosenPublicSubnets(vpc, request.PublicSubnetIds, publicByZone);
            var included = CheckIncluded(vpc, request.IncludeIds);
            CheckTableZones(vpc, request.RouteTableZones);

            var served = new List<ServedTable>();
            var left = new List<LeftTable>();
            var publicIds = new HashSet<string>(publicByZone.Values.SelectMany(s => s).Select(s => s.Id));
            foreach (var table in vpc.RouteTables)
            {
                var subnets = vpc.SubnetsOf(table).Where(s => !publicIds.Contains(s.Id)).ToList();
                if (subnets.Count == 0) continue;
                var info = RouteReading.Table(table);
                var named = included.Contains(table.Id) || subnets.Any(s => included.Contains(s.Id));
                var why = WhyLeft(info.DefaultRoute, named);
                if (why != null)
                {
                    left.Add(new LeftTable(table.Id, subnets.Select(s => s.Id), why));
                    continue;
                }
                CheckNotServedByOther(table, name);
                if (table.IsMain)
                {
                    // The main table stays as it is; each of its subnets to serve gets a table of its own in its zone.
                    var onMain = named && !included.Contains(table.Id) ? subnets.Where(s => included.Contains(s.Id)) : subnets;
                    served.AddRange(onMain.Select(s => new ServedTable(null, s.AvailabilityZone, new[] { s.Id },
                        Describe(info.DefaultRoute), RestoreTarget(info.DefaultRoute), table.Id, alreadyServed: false)));
                    continue;
                }
                var zone = ZoneOf(table, subnets, request.RouteTableZones);
                var already = table.Tags.TryGetValue(HaNatTags.ServedBy, out var by) && by == name;
                var restore = already && table.Tags.TryGetValue(HaNatTags.RestoreDefault, out var recorded) ? recorded : RestoreTarget(info.DefaultRoute);
                served.Add(new ServedTable(table.Id, zone, subnets.Select(s => s.Id), Describe(info.DefaultRoute), restore, null, already));
            }

            var zones = ChooseZones(vpc, request.AvailabilityZones, served, publicByZone);
            foreach (var outside in served.Where(t => !zones.Contains(t.Zone)).ToList())
            {
                served.Remove(outside);
                if (outside.TableId != null)
                    left.Add(new LeftTable(outside.TableId, outside.SubnetIds, $"its zone {outside.Zone} is not one of -AvailabilityZone"));
            }
            if (served.Count == 0)
            {
                throw Refuse("NothingToServe", HaNatErrorKind.InvalidOperation, vpc.Vpc.Id,
                    $"No private route table of VPC {vpc.Vpc.Id} sends 0.0.0.0/0 to a NAT gateway or a NAT instance" +
                    (request.AvailabilityZones.Count > 0 ? " in the zones chosen" : string.Empty) +
                    ". Name the tables HaNat should serve with -IncludeRouteTableId (a table or subnet id).");
            }

            var zoneInstalls = zones.Select(zone => new ZoneInstall(zone,
                PublicSubnetOf(vpc, zone, chosenPublic, publicByZone), served.Where(t => t.Zone == zone)));
            return new InstallPlan(name, vpc.Vpc.Id, vpc.CidrBlocks, zoneInstalls, left, alreadyInstalled);
        }

        /// <summary>True when this deployment was already added to the VPC; refuses a VPC HaNat built or another deployment serves.</summary>
        private static bool CheckVpc(ExistingVpc vpc, string name)
        {
            var tags = vpc.Vpc.Tags;
            if (HaNatTags.IsManaged(tags))
            {
                var built = tags.TryGetValue(HaNatTags.VpcName, out var n) ? n : "?";
                throw Refuse("VpcBuiltByHaNat", HaNatErrorKind.InvalidOperation, vpc.Vpc.Id,
                    $"VPC {vpc.Vpc.Id} is HaNat VPC '{built}', built by New-HaNatVpc: it has its NATs already. Add-HaNatVpc is for VPCs HaNat did not build; see Get-HaNatVpc -Name {built}.");
            }
            if (tags.TryGetValue(HaNatTags.ServedBy, out var by) && by != name)
            {
                throw Refuse("VpcServedByOtherDeployment", HaNatErrorKind.ResourceExists, vpc.Vpc.Id,
                    $"VPC {vpc.Vpc.Id} is already served by HaNat deployment '{by}'. One deployment per VPC: use -Name {by}, or Remove-HaNatVpc -Name {by} first.");
            }
            return by == name;
        }

        private static void CheckNotServedByOther(Ec2RouteTable table, string name)
        {
            if (table.Tags.TryGetValue(HaNatTags.ServedBy, out var by) && by != name)
            {
                throw Refuse("RouteTableServedByOtherDeployment", HaNatErrorKind.ResourceExists, table.Id,
                    $"Route table {table.Id} is already served by HaNat deployment '{by}'. Remove that deployment first, or leave the table out.");
            }
        }

        /// <summary>Null when the table is to be served; else why it is left alone.</summary>
        private static string? WhyLeft(DefaultRoute? route, bool named)
        {
            if (route == null)
            {
                return named ? null : "no default route: isolated, as database and intra subnets often are on purpose (name it with -IncludeRouteTableId to give it internet access)";
            }
            switch (route.Kind)
            {
                case RouteTargetKind.NatGateway:
                case RouteTargetKind.Instance:
                case RouteTargetKind.NetworkInterface:
                    return null;
                case RouteTargetKind.InternetGateway:
                    return $"sends 0.0.0.0/0 to internet gateway {route.TargetId}: public";
                default:
                    return $"sends 0.0.0.0/0 to {KindName(route.Kind)} {route.TargetId}, which HaNat does not replace";
            }
        }

        private static string KindName(RouteTargetKind kind) => kind switch
        {
            RouteTargetKind.TransitGateway => "transit gateway",
            RouteTargetKind.VpnGateway => "virtual private gateway",
            RouteTargetKind.PeeringConnection => "peering connection",
            RouteTargetKind.VpcEndpoint => "VPC endpoint (a firewall or Gateway Load Balancer endpoint)",
            _ => "target",
        };

        private static string? Describe(DefaultRoute? route) =>
            route == null ? null : route.TargetId + (route.Blackhole ? " (blackhole)" : string.Empty);

        /// <summary>What Remove-HaNatVpc puts back: the old target while it may still exist, else no default route.</summary>
        private static string RestoreTarget(DefaultRoute? route) =>
            route == null || route.Blackhole ? HaNatTags.NoDefaultRoute : route.TargetId;

        /// <summary>Per zone, the subnets whose table (their own or the main one) sends 0.0.0.0/0 to an internet gateway.</summary>
        private static Dictionary<string, List<Ec2Subnet>> PublicSubnets(ExistingVpc vpc)
        {
            var byZone = new Dictionary<string, List<Ec2Subnet>>(StringComparer.Ordinal);
            foreach (var subnet in vpc.Subnets)
            {
                var table = vpc.TableOf(subnet.Id);
                var route = table == null ? null : RouteReading.Table(table).DefaultRoute;
                if (route == null || route.Kind != RouteTargetKind.InternetGateway || route.Blackhole) continue;
                if (!byZone.TryGetValue(subnet.AvailabilityZone, out var list)) byZone[subnet.AvailabilityZone] = list = new List<Ec2Subnet>();
                list.Add(subnet);
            }
            return byZone;
        }

        private static Dictionary<string, string> CheckChosenPublicSubnets(ExistingVpc vpc, IReadOnlyList<string> ids, Dictionary<string, List<Ec2Subnet>> publicByZone)
        {
            var byZone = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var subnet = publicByZone.Values.SelectMany(s => s).FirstOrDefault(s => s.Id == id);
                if (subnet == null)
                {
                    throw Refuse("PublicSubnetNotPublic", HaNatErrorKind.InvalidArgument, id,
                        $"-PublicSubnetId {id} is not a public subnet of VPC {vpc.Vpc.Id} (one whose route table sends 0.0.0.0/0 to an internet gateway). Public subnets: {ListPublic(publicByZone)}.");
                }
                if (byZone.TryGetValue(subnet.AvailabilityZone, out var other))
                {
                    throw Refuse("PublicSubnetZoneRepeated", HaNatErrorKind.InvalidArgument, id,
                        $"-PublicSubnetId names {other} and {id}, both in {subnet.AvailabilityZone}: one NAT per zone, so name one public subnet per zone.");
                }
                byZone[subnet.AvailabilityZone] = id;
            }
            return byZone;
        }

        private static HashSet<string> CheckIncluded(ExistingVpc vpc, IReadOnlyList<string> ids)
        {
            foreach (var id in ids)
            {
                if (!vpc.RouteTables.Any(t => t.Id == id) && !vpc.Subnets.Any(s => s.Id == id))
                {
                    throw Refuse("IncludedTableNotFound", HaNatErrorKind.ObjectNotFound, id,
                        $"-IncludeRouteTableId {id} is neither a route table nor a subnet of VPC {vpc.Vpc.Id}. Name a table (rtb-...) or a subnet (subnet-...) of this VPC.");
                }
            }
            return new HashSet<string>(ids, StringComparer.Ordinal);
        }

        private static void CheckTableZones(ExistingVpc vpc, IReadOnlyDictionary<string, string> tableZones)
        {
            foreach (var pair in tableZones)
            {
                var table = vpc.RouteTables.FirstOrDefault(t => t.Id == pair.Key);
                var zones = table == null ? new List<string>() : vpc.SubnetsOf(table).Select(s => s.AvailabilityZone).Distinct().ToList();
                if (table == null || !zones.Contains(pair.Value))
                {
                    throw Refuse("RouteTableZoneInvalid", HaNatErrorKind.InvalidArgument, pair.Key,
                        table == null
                            ? $"-RouteTableZone names {pair.Key}, which is not a route table of VPC {vpc.Vpc.Id}."
                            : $"-RouteTableZone gives {pair.Key} to {pair.Value}, but its subnets are in {string.Join(", ", zones)}: choose one of those, so the NAT that serves it is in a zone it serves.");
                }
            }
        }

        private static string ZoneOf(Ec2RouteTable table, List<Ec2Subnet> subnets, IReadOnlyDictionary<string, string> tableZones)
        {
            var zones = subnets.Select(s => s.AvailabilityZone).Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
            if (zones.Count == 1) return zones[0];
            if (tableZones.TryGetValue(table.Id, out var chosen)) return chosen;
            throw Refuse("RouteTableInSeveralZones", HaNatErrorKind.InvalidArgument, table.Id,
                $"Route table {table.Id} is used by subnets in {string.Join(", ", zones)}, and each zone has its own NAT. Say which zone's NAT serves it: -RouteTableZone @{{ '{table.Id}' = '{zones[0]}' }}.");
        }

        private static List<string> ChooseZones(ExistingVpc vpc, IReadOnlyList<string> asked, List<ServedTable> served, Dictionary<string, List<Ec2Subnet>> publicByZone)
        {
            var vpcZones = new HashSet<string>(vpc.Subnets.Select(s => s.AvailabilityZone));
            var zones = asked.Count > 0 ? asked.Distinct().ToList() : served.Select(t => t.Zone).Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
            var unknown = zones.Where(z => !vpcZones.Contains(z)).ToList();
            if (unknown.Count > 0)
            {
                throw Refuse("ZoneNotInVpc", HaNatErrorKind.InvalidArgument, unknown[0],
                    $"VPC {vpc.Vpc.Id} has no subnet in {string.Join(", ", unknown)}. Its zones: {string.Join(", ", vpcZones.OrderBy(z => z))}.");
            }
            var withoutPublic = zones.Where(z => !publicByZone.ContainsKey(z)).ToList();
            if (withoutPublic.Count > 0)
            {
                throw Refuse("ZoneWithoutPublicSubnet", HaNatErrorKind.InvalidOperation, withoutPublic[0],
                    $"{string.Join(", ", withoutPublic)} {(withoutPublic.Count == 1 ? "has" : "have")} private tables to serve but no public subnet for a NAT " +
                    "(a subnet whose route table sends 0.0.0.0/0 to the internet gateway). Add one, or choose the zones to serve with -AvailabilityZone.");
            }
            return zones;
        }

        private static string PublicSubnetOf(ExistingVpc vpc, string zone, Dictionary<string, string> chosen, Dictionary<string, List<Ec2Subnet>> publicByZone)
        {
            if (chosen.TryGetValue(zone, out var id)) return id;
            var candidates = publicByZone[zone];
            if (candidates.Count == 1) return candidates[0].Id;
            throw Refuse("AmbiguousPublicSubnet", HaNatErrorKind.InvalidArgument, zone,
                $"{zone} has {candidates.Count} public subnets: {string.Join(", ", candidates.Select(s => $"{s.Id} ({s.CidrBlock})"))}. Choose the one its NAT launches in with -PublicSubnetId.");
        }

        private static string ListPublic(Dictionary<string, List<Ec2Subnet>> publicByZone) =>
            publicByZone.Count == 0 ? "none" : string.Join(", ", publicByZone.SelectMany(p => p.Value).Select(s => $"{s.Id} ({s.AvailabilityZone})"));

        private static HaNatException Refuse(string errorId, HaNatErrorKind kind, string target, string message) =>
            new HaNatException(errorId, kind, message) { Target = target };
    }
}
