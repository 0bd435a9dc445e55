using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Alarms;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.Ec2;
using HaNat.Aws.Iam;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Tagging;
using static HaNat.Aws.Ec2.Ec2Reads;
using Ec2Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Inventory
{
    /// <summary>
    /// Reads HaNat VPCs into <see cref="VpcInventory"/> records. Get-HaNatVpc's read costs the same number of calls for
    /// one VPC or ten: the VPCs first, then one concurrent round of describe calls that name every VPC at once (the
    /// heartbeat keys ten to a call, SSM's limit).
    /// Remove-HaNatVpc's read of one VPC also takes what HaNat did not make, to refuse a VPC that holds it.
    /// </summary>
    internal sealed partial class VpcInventoryReader
    {
        /// <summary>The most names one SSM GetParameters call takes.</summary>
        private const int MaxParametersPerCall = 10;

        /// <summary>Instance states that still hold a network interface in the VPC.</summary>
        private static readonly string[] LiveInstanceStates = { "pending", "running", "stopping", "stopped" };

        /// <summary>Peering states in which the peering still joins the VPC to another.</summary>
        private static readonly string[] LivePeeringStates = FoundPeering.LiveStates.ToArray();

        private readonly AwsSession _session;
        private readonly IAutoScalingClient _autoScaling;
        private readonly IIamClient? _iam;
        private readonly IAmazonSimpleSystemsManagement? _ssm;
        private readonly InventoryReads _ec2;
        private readonly ICloudWatchClient? _cloudWatch;

        public VpcInventoryReader(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling, IIamClient? iam = null, IAmazonSimpleSystemsManagement? ssm = null,
            ICloudWatchClient? cloudWatch = null)
        {
            _cloudWatch = cloudWatch;
            _session = session;
            _autoScaling = autoScaling;
            _iam = iam;
            _ssm = ssm;
            _ec2 = new InventoryReads(ec2, session);
        }

        /// <summary>
        /// Every HaNat VPC of the region whose name <paramref name="nameMatches"/> (all when null): VPC, subnets, route
        /// tables, security group, gateway, addresses, group, and whether its heartbeat key exists (when the reader has
        /// an SSM client). The names are matched here, not by a tag filter: EC2's filters take '*' wildcards and match
        /// case exactly while Auto Scaling's take neither, so a filter on both would find a VPC without its group.
        /// </summary>
        public async Task<IReadOnlyList<VpcInventory>> ReadSummariesAsync(Func<string, bool>? nameMatches = null)
        {
            var vpcs = (await AllHaNatVpcsAsync(null).ConfigureAwait(false))
                .Where(v => nameMatches == null || nameMatches(NameOf(v))).ToList();
            if (vpcs.Count == 0) return Array.Empty<VpcInventory>();
            var ids = vpcs.Select(v => v.Id).ToList();

            // The VPC ids narrow each read to these VPCs, and the assembler judges ownership by tags itself, so no
            // second, tag filter is sent: in a HaNat VPC it would drop next to nothing, and it costs the service
            // (moto most of all) a tag lookup per resource.
            var subnets = Ec2Pager.ChunkedAsync(ids, chunk => _ec2.SubnetsAsync(new List<Ec2Filter> { By("vpc-id", chunk) }));
            var tables = Ec2Pager.ChunkedAsync(ids, chunk => _ec2.RouteTablesAsync(new List<Ec2Filter> { By("vpc-id", chunk) }));
            var groups = Ec2Pager.ChunkedAsync(ids, chunk => _ec2.SecurityGroupsAsync(new List<Ec2Filter> { By("vpc-id", chunk) }));
            var gateways = Ec2Pager.ChunkedAsync(ids, chunk => _ec2.InternetGatewaysAsync(new List<Ec2Filter> { By("attachment.vpc-id", chunk) }));
            var addresses = Ec2Pager.ChunkedAsync(ids, chunk => _ec2.AddressesAsync(new List<Ec2Filter> { By("tag:" + HaNatTags.VpcId, chunk) }));
            var scaling = HaNatGroupsAsync();
            var keys = ExistingParametersAsync(vpcs.Select(v => HeartbeatKey.ParameterName(NameOf(v))).Distinct(StringComparer.Ordinal).ToList());
            await Task.WhenAll(subnets, tables, groups, gateways, addresses, scaling, keys).ConfigureAwait(false);

            var inventories = new List<VpcInventory>();
            // By name, so that a listing reads the same each time.
            foreach (var vpc in vpcs.OrderBy(NameOf, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal))
            {
                var vpcName = NameOf(vpc);
                var inventory = new VpcInventory(vpcName, _session.Region, vpc);
                inventory.Subnets.AddRange(subnets.Result.Where(s => s.VpcId == vpc.Id));
                inventory.RouteTables.AddRange(tables.Result.Where(t => t.VpcId == vpc.Id));
                inventory.SecurityGroups.AddRange(groups.Result.Where(g => g.VpcId == vpc.Id));
                inventory.InternetGateways.AddRange(gateways.Result.Where(g => g.AttachedVpcIds.Contains(vpc.Id)));
                inventory.Addresses.AddRange(addresses.Result.Where(a => a.Tag(HaNatTags.VpcId) == vpc.Id));
                inventory.Group = scaling.Result.FirstOrDefault(g => g.Id == LayoutNames.AutoScalingGroupName(vpcName) && Ownership.IsOf(g, vpcName, vpc.Id));
                var key = HeartbeatKey.ParameterName(vpcName);
                inventory.HeartbeatKeyParameter = keys.Result.Contains(key) ? key : null;
                inventories.Add(inventory);
            }
            return inventories;
        }

        /// <summary>
        /// Everything Remove-HaNatVpc needs to know about one HaNat VPC, found by name or by id; null when there is
        /// nothing: no VPC of that id, or neither a VPC nor any leftover of that name.
        /// </summary>
        public async Task<VpcInventory?> ReadForRemovalAsync(string? name, string? vpcId)
        {
            FoundVpc? vpc;
            string hanatName;
            if (vpcId != null)
            {
                vpc = (await _ec2.VpcsAsync(new List<Ec2Filter> { By("vpc-id", vpcId) }).ConfigureAwait(false)).FirstOrDefault();
                if (vpc == null) return null;
                hanatName = NameOf(vpc);
                var known = IsBuilt(vpc) || IsServed(vpc);
                if (!known || hanatName.Length == 0 || (name != null && name != hanatName))
                {
                    throw new HaNatException("NotHaNatVpc", HaNatErrorKind.InvalidArgument,
                        name != null && known && hanatName.Length > 0 && name != hanatName
                            ? $"{vpcId} is the HaNat VPC '{hanatName}', not '{name}'. Pass the name and the id of the same VPC, or only one of them."
                            : $"{vpcId} is neither a VPC that New-HaNatVpc built ({HaNatTags.Managed}={HaNatTags.ManagedValue} with a {HaNatTags.VpcName}) " +
                              $"nor one Add-HaNatVpc serves ({HaNatTags.ServedBy}). " +
                              "Remove-HaNatVpc removes only HaNat deployments; delete this VPC with the EC2 console or CLI.")
                    { Target = vpcId };
                }
            }
            else
            {
                hanatName = name ?? throw new ArgumentNullException(nameof(name));
                var found = await AllHaNatVpcsAsync(hanatName).ConfigureAwait(false);
                if (found.Count > 1)
                {
                    throw new HaNatException("AmbiguousName", HaNatErrorKind.InvalidArgument,
                        $"More than one VPC is tagged as the HaNat VPC '{hanatName}': {string.Join(", ", found.Select(v => v.Id))}. Name the one to remove with -VpcId.")
                    { Target = hanatName };
                }
                vpc = found.FirstOrDefault();
            }

            var inventory = new VpcInventory(hanatName, _session.Region, vpc);
            await ReadByNameAsync(inventory).ConfigureAwait(false);
            if (vpc != null) await ReadVpcContentsAsync(inventory, vpc.Id).ConfigureAwait(false);
            var empty = vpc == null && inventory.Group == null && inventory.LaunchTemplate == null && inventory.Role == null &&
                inventory.InstanceProfile == null && inventory.HeartbeatKeyParameter == null && inventory.Addresses.Count == 0 && inventory.InternetGateways.Count == 0 &&
                !inventory.Alarms.Any(a => Ownership.IsOf(a, hanatName, null));
            return empty ? null : inventory;
        }

        /// <summary>What HaNat names after the VPC, found whether or not the VPC still exists.</summary>
        private async Task ReadByNameAsync(VpcInventory inventory)
        {
            var name = inventory.Name;
            var byName = new List<Ec2Filter> { By("tag:" + HaNatTags.Managed, HaNatTags.ManagedValue), By("tag:" + HaNatTags.VpcName, name) };
            var group = GroupAsync(LayoutNames.AutoScalingGroupName(name));
            var template = _ec2.LaunchTemplatesAsync(new List<Ec2Filter> { By("launch-template-name", LayoutNames.LaunchTemplateName(name)) });
            var role = RoleAsync(LayoutNames.IamName(name, _session.Region));
            var profile = InstanceProfileAsync(LayoutNames.IamName(name, _session.Region));
            var parameter = ParameterAsync(HeartbeatKey.ParameterName(name));
            // By tag as well as by attachment: a gateway detached by a removal that then failed is found again.
            var gateways = _ec2.InternetGatewaysAsync(byName);
            var addresses = _ec2.AddressesAsync(byName);
            var alarms = _cloudWatch == null
                ? Task.FromResult<IReadOnlyList<FoundResource>>(Array.Empty<FoundResource>())
                : new AlarmReads(_session, _cloudWatch).OfVpcNameAsync(name);
            await Task.WhenAll(group, template, role, profile, parameter, gateways, addresses, alarms).ConfigureAwait(false);

            inventory.Group = group.Result;
            inventory.LaunchTemplate = template.Result.FirstOrDefault();
            inventory.Role = role.Result;
            inventory.InstanceProfile = profile.Result;
            inventory.HeartbeatKeyParameter = parameter.Result;
            inventory.InternetGateways.AddRange(gateways.Result);
            inventory.Addresses.AddRange(addresses.Result);
            inventory.Alarms.AddRange(alarms.Result);
        }

        /// <summary>Everything in the VPC, HaNat's or not.</summary>
        private async Task ReadVpcContentsAsync(VpcInventory inventory, string vpcId)
        {
            List<Ec2Filter> InVpc(string key = "vpc-id") => new List<Ec2Filter> { By(key, vpcId) };
            var subnets = _ec2.SubnetsAsync(InVpc());
            var tables = _ec2.RouteTablesAsync(InVpc());
            var groups = _ec2.SecurityGroupsAsync(InVpc());
            var gateways = _ec2.InternetGatewaysAsync(InVpc("attachment.vpc-id"));
            var instances = _ec2.InstancesAsync(new List<Ec2Filter> { By("vpc-id", vpcId), By("instance-state-name", LiveInstanceStates) });
            var interfaces = _ec2.NetworkInterfacesAsync(InVpc());
            // EC2 ANDs filters, so a peering's two sides take two calls.
            var requested = _ec2.PeeringsAsync(new List<Ec2Filter> { By("requester-vpc-info.vpc-id", vpcId), By("status-code", LivePeeringStates) });
            var accepted = _ec2.PeeringsAsync(new List<Ec2Filter> { By("accepter-vpc-info.vpc-id", vpcId), By("status-code", LivePeeringStates) });
            // Only an added deployment puts routes back, and only to NAT gateways that are still there.
            var natGateways = inventory.IsAdded ? _ec2.NatGatewaysAsync(InVpc()) : Task.FromResult(new List<FoundNatGateway>());
            // A NAT gateway's address that -DeleteNatGateway adopted: the user's, its tags HaNat's to take off.
            var adopted = inventory.IsAdded
                ? _ec2.AddressesAsync(new List<Ec2Filter> { By("tag:" + HaNatTags.ServedBy, inventory.Name), By("tag:" + HaNatTags.VpcId, vpcId) })
                : Task.FromResult(new List<FoundAddress>());
            await Task.WhenAll(subnets, tables, groups, gateways, instances, interfaces, requested, accepted, natGateways, adopted).ConfigureAwait(false);

            inventory.NatGateways.AddRange(natGateways.Result);
            inventory.AdoptedAddresses.AddRange(adopted.Result.Where(a => a.Tag(HaNatTags.Managed) != HaNatTags.ManagedValue));

            inventory.Subnets.AddRange(subnets.Result);
            inventory.RouteTables.AddRange(tables.Result);
            inventory.SecurityGroups.AddRange(groups.Result);
            inventory.InternetGateways.AddRange(gateways.Result.Where(g => inventory.InternetGateways.All(known => known.Id != g.Id)));
            inventory.Instances.AddRange(instances.Result);
            inventory.NetworkInterfaces.AddRange(interfaces.Result);
            // The filters again, on this side: an endpoint that ignores them (moto does) would otherwise answer with every
            // peering of the account, deleted ones included, and a peering long gone would block the removal.
            inventory.Peerings.AddRange(requested.Result.Concat(accepted.Result)
                .Where(p => p.IsLive && (p.RequesterVpcId == vpcId || p.AccepterVpcId == vpcId))
                .GroupBy(p => p.Id).Select(g => g.First()));
        }

        /// <summary>
        /// The VPCs New-HaNatVpc built and those Add-HaNatVpc serves (tagged hanat:served-by), of the given name if any:
        /// two describes at once, as EC2 cannot OR two tag filters.
        /// </summary>
        private async Task<List<FoundVpc>> AllHaNatVpcsAsync(string? name)
        {
            var built = HaNatVpcsAsync(name);
            var served = _ec2.VpcsAsync(new List<Ec2Filter> { name == null ? By("tag-key", HaNatTags.ServedBy) : By("tag:" + HaNatTags.ServedBy, name) });
            await Task.WhenAll(built, served).ConfigureAwait(false);
            return built.Result.Concat(served.Result.Where(v => !IsBuilt(v) && IsServed(v)))
                .GroupBy(v => v.Id).Select(g => g.First()).ToList();
        }

        private static bool IsBuilt(FoundVpc vpc) => vpc.Tag(HaNatTags.Managed) == HaNatTags.ManagedValue && !string.IsNullOrEmpty(vpc.Tag(HaNatTags.VpcName));

        private static bool IsServed(FoundVpc vpc) => !string.IsNullOrEmpty(vpc.Tag(HaNatTags.ServedBy));

        /// <summary>The deployment's name: hanat:vpc-name on a VPC HaNat built, hanat:served-by on one it was added to.</summary>
        private static string NameOf(FoundVpc vpc) =>
            (IsBuilt(vpc) ? vpc.Tag(HaNatTags.VpcName) : vpc.Tag(HaNatTags.ServedBy)) ?? string.Empty;

        /// <summary>VPCs tagged as HaNat VPCs: hanat:managed=true and a hanat:vpc-name (the given one, if any).</summary>
        private Task<List<FoundVpc>> HaNatVpcsAsync(string? name)
        {
            var filters = new List<Ec2Filter> { By("tag:" + HaNatTags.Managed, HaNatTags.ManagedValue) };
            filters.Add(name == null ? By("tag-key", HaNatTags.VpcName) : By("tag:" + HaNatTags.VpcName, name));
            return _ec2.VpcsAsync(filters);
        }

    }
}
