using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.Ec2;
using HaNat.Inventory;
using HaNat.Model;
using HaNat.Tagging;
using static HaNat.Aws.Ec2.Ec2Reads;
using Ec2Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Status
{
    /// <summary>
    /// Reads what Get-HaNatVpc -Status shows: Get-HaNatVpc's one round of describe calls (the VPCs, their tables and
    /// addresses, the groups with their instances), then at once the VPCs' HaNat NATs in every state EC2 still lists,
    /// and the NATs' metrics from CloudWatch; then any instance or NAT gateway a route names that is not among them.
    /// The calls cost the same for one VPC or ten.
    /// </summary>
    internal sealed class StatusReader
    {
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly IAutoScalingClient _autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm;
        private readonly ICloudWatchClient _cloudWatch;
        private readonly Ec2Reads _reads;

        public StatusReader(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling, IAmazonSimpleSystemsManagement ssm, ICloudWatchClient cloudWatch)
        {
            _session = session;
            _ec2 = ec2;
            _autoScaling = autoScaling;
            _ssm = ssm;
            _cloudWatch = cloudWatch;
            _reads = new Ec2Reads(ec2, session);
        }

        /// <summary>The facts of each HaNat VPC whose name matches (all when null), by name, and what kept CloudWatch from answering, if anything.</summary>
        public async Task<(IReadOnlyList<VpcStatusFacts> Vpcs, string? MetricsProblem)> ReadAsync(Func<string, bool>? nameMatches, DateTime now)
        {
            var inventories = await new VpcInventoryReader(_session, _ec2, _autoScaling, ssm: _ssm).ReadSummariesAsync(nameMatches).ConfigureAwait(false);
            if (inventories.Count == 0) return (Array.Empty<VpcStatusFacts>(), null);
            var vpcs = inventories.Select(i => (Inventory: i, Vpc: HaNatVpcAssembler.Assemble(i))).ToList();

            var ids = vpcs.Select(v => v.Vpc.VpcId).ToList();
            // Every state: a NAT that failed and was terminated stays listed for about an hour, and is what a zone failed over from.
            var nats = Ec2Pager.ChunkedAsync(ids, chunk => _reads.InstancesAsync(new List<Ec2Filter>
                { By("vpc-id", chunk), By("tag:" + HaNatTags.Managed, HaNatTags.ManagedValue) }));
            var metrics = new StatusMetricsReader(_cloudWatch, _session.Cancellation)
                .ReadAsync(vpcs.Select(v => (v.Vpc.Name, v.Vpc.Zones.Select(z => z.AvailabilityZone))), now);

            var routes = vpcs.SelectMany(v => v.Inventory.RouteTables).Select(t => t.DefaultRoute).Where(r => r != null && !r.Blackhole).Select(r => r!).ToList();
            var gatewayIds = routes.Where(r => r.Kind == Routing.RouteTargetKind.NatGateway).Select(r => r.TargetId).Distinct(StringComparer.Ordinal).ToList();
            var gateways = gatewayIds.Count == 0 ? Task.FromResult(new List<Ec2NatGateway>())
                : _reads.NatGatewaysAsync(new List<Ec2Filter> { By("nat-gateway-id", gatewayIds) });
            await Task.WhenAll(nats, gateways).ConfigureAwait(false);

            // A route to an instance that is not one of the VPCs' NATs (an application instance, another VPC's NAT).
            var known = new HashSet<string>(nats.Result.Select(n => n.Id), StringComparer.Ordinal);
            var others = routes.Where(r => r.InstanceId != null && !known.Contains(r.InstanceId)).Select(r => r.InstanceId!).Distinct(StringComparer.Ordinal).ToList();
            var instances = nats.Result.ToList();
            if (others.Count > 0) instances.AddRange(await _reads.InstancesAsync(new List<Ec2Filter> { By("instance-id", others) }).ConfigureAwait(false));
            var (latest, problem) = await metrics.ConfigureAwait(false);

            var members = vpcs.Where(v => v.Inventory.Group != null).SelectMany(v => v.Inventory.Group!.Instances)
                .GroupBy(m => m.InstanceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var statusNats = instances.Select(i =>
            {
                members.TryGetValue(i.Id, out var member);
                return (i.VpcId, Nat: new StatusNat(i.Id, i.AvailabilityZone ?? member?.AvailabilityZone, i.State, i.LaunchTime, i.PublicIpAddress,
                    member?.LifecycleState, member?.HealthStatus, HaNatTags.IsManaged(i.Tags)));
            }).ToList();
            var statusGateways = gateways.Result.Select(g => new StatusGateway(g.Id, g.State, g.PublicIps.FirstOrDefault())).ToList();

            var facts = vpcs.Select(v => Facts(v.Inventory, v.Vpc, statusNats, statusGateways,
                latest.TryGetValue(v.Vpc.Name, out var m) ? m : StatusMetrics.None)).ToList();
            return (facts, problem);
        }

        private static VpcStatusFacts Facts(VpcInventory inventory, HaNatVpc vpc, IEnumerable<(string? VpcId, StatusNat Nat)> instances,
            IEnumerable<StatusGateway> gateways, StatusMetrics metrics)
        {
            var tables = inventory.RouteTables.ToDictionary(t => t.Id, StringComparer.Ordinal);
            // This VPC's NATs, and whatever else its routes name: two VPCs in one zone must not mix their NATs.
            var named = new HashSet<string>(inventory.RouteTables.Select(t => t.DefaultRoute?.InstanceId).Where(id => id != null)!, StringComparer.Ordinal);
            var nats = instances.Where(i => i.VpcId == vpc.VpcId || named.Contains(i.Nat.InstanceId)).Select(i => i.Nat);
            var zones = vpc.Zones.Select(z => new StatusZone(z.AvailabilityZone,
                z.ServedRouteTableIds.Select(id => new StatusRoute(id, tables.TryGetValue(id, out var t) ? t.DefaultRoute : null)).ToList(),
                z.PublicIp));
            var addresses = inventory.Addresses.Where(a => a.PublicIp != null)
                .Select(a => new StatusAddress(a.PublicIp!, a.Tag(HaNatTags.Zone), a.InstanceId));
            return new VpcStatusFacts(vpc.Name, vpc.VpcId, zones, nats, addresses, gateways, metrics);
        }
    }
}
