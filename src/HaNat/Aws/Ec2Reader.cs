using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Model;
using HaNat.Peering;

namespace HaNat.Aws
{
    /// <summary>
    /// The describe calls HaNat makes, each with server-side filters and paging, mapped to HaNat's own small
    /// model so that planners never see the SDK. Every call goes through <see cref="AwsCall"/> for -Verbose.
    /// </summary>
    internal sealed class Ec2Reader
    {
        private readonly IAmazonEC2 _ec2;
        private readonly AwsSession _session;

        public Ec2Reader(IAmazonEC2 ec2, AwsSession session)
        {
            _ec2 = ec2;
            _session = session;
        }

        /// <summary>Instances by id; ids EC2 does not know are simply absent (a filter, not InstanceIds, so no NotFound).</summary>
        public async Task<IReadOnlyList<InstanceInfo>> DescribeInstancesAsync(IEnumerable<string> instanceIds)
        {
            var ids = instanceIds.Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0) return Array.Empty<InstanceInfo>();
            var found = new List<InstanceInfo>();
            string? token = null;
            do
            {
                var request = new DescribeInstancesRequest { Filters = new List<Filter> { new Filter("instance-id", ids) }, NextToken = token };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeInstances", "instance-id=" + string.Join(",", ids),
                    () => _ec2.DescribeInstancesAsync(request, _session.Cancellation)).ConfigureAwait(false);
                foreach (var instance in (response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()))
                {
                    found.Add(ToInfo(instance));
                }
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return found;
        }

        public async Task<IReadOnlyList<SubnetInfo>> DescribePrivateSubnetsAsync(string vpcId, PrivateSubnetTag tag, string? availabilityZone)
        {
            var filters = new List<Filter>
            {
                new Filter("vpc-id", new List<string> { vpcId }),
                new Filter("tag:" + tag.Key, new List<string> { tag.Value }),
                new Filter("state", new List<string> { "available" }),
            };
            if (availabilityZone != null) filters.Add(new Filter("availability-zone", new List<string> { availabilityZone }));

            var subnets = new List<SubnetInfo>();
            string? token = null;
            do
            {
                var request = new DescribeSubnetsRequest { Filters = filters, NextToken = token };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeSubnets",
                    $"vpc-id={vpcId} tag:{tag}" + (availabilityZone != null ? " availability-zone=" + availabilityZone : ""),
                    () => _ec2.DescribeSubnetsAsync(request, _session.Cancellation)).ConfigureAwait(false);
                subnets.AddRange((response.Subnets ?? new List<Subnet>()).Select(s =>
                    new SubnetInfo(s.SubnetId, s.AvailabilityZone, s.CidrBlock, TagsOf(s.Tags))));
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return subnets;
        }

        /// <summary>The availability zones the VPC has a subnet in, whatever the subnet's tags or state.</summary>
        public async Task<IReadOnlyList<string>> DescribeVpcZonesAsync(string vpcId)
        {
            var zones = new SortedSet<string>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                var request = new DescribeSubnetsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) }, NextToken = token };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeSubnets", "vpc-id=" + vpcId,
                    () => _ec2.DescribeSubnetsAsync(request, _session.Cancellation)).ConfigureAwait(false);
                foreach (var subnet in response.Subnets ?? new List<Subnet>())
                {
                    if (subnet.VpcId == null || subnet.VpcId == vpcId) zones.Add(subnet.AvailabilityZone);
                }
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return zones.ToArray();
        }

        /// <summary>Every route table of the VPC: one call answers for the main table and every association.</summary>
        public async Task<IReadOnlyList<RouteTableInfo>> DescribeRouteTablesAsync(string vpcId)
        {
            var tables = new List<RouteTableInfo>();
            string? token = null;
            do
            {
                var request = new DescribeRouteTablesRequest
                {
                    Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) },
                    NextToken = token,
                };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeRouteTables", "vpc-id=" + vpcId,
                    () => _ec2.DescribeRouteTablesAsync(request, _session.Cancellation)).ConfigureAwait(false);
                tables.AddRange((response.RouteTables ?? new List<RouteTable>()).Select(ToInfo));
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return tables;
        }

        /// <summary>The Elastic IPs that HaNat tagged for one zone of one VPC.</summary>
        public async Task<IReadOnlyList<AddressInfo>> DescribeZoneAddressesAsync(string vpcId, string availabilityZone)
        {
            var request = new DescribeAddressesRequest
            {
                Filters = new List<Filter>
                {
                    new Filter("tag:" + HaNatTags.VpcId, new List<string> { vpcId }),
                    new Filter("tag:" + HaNatTags.Zone, new List<string> { availabilityZone }),
                    new Filter("domain", new List<string> { "vpc" }),
                },
            };
            var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeAddresses",
                $"tag:{HaNatTags.VpcId}={vpcId} tag:{HaNatTags.Zone}={availabilityZone}",
                () => _ec2.DescribeAddressesAsync(request, _session.Cancellation)).ConfigureAwait(false);
            return (response.Addresses ?? new List<Address>())
                .Select(a => new AddressInfo(a.AllocationId, a.PublicIp, string.IsNullOrEmpty(a.InstanceId) ? null : a.InstanceId))
                .ToArray();
        }

        /// <summary>The VPC's CIDR blocks, or null when EC2 does not know the VPC.</summary>
        public async Task<IReadOnlyList<string>?> DescribeVpcCidrsAsync(string vpcId)
        {
            var request = new DescribeVpcsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) } };
            var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeVpcs", "vpc-id=" + vpcId,
                () => _ec2.DescribeVpcsAsync(request, _session.Cancellation)).ConfigureAwait(false);
            var vpc = (response.Vpcs ?? new List<Vpc>()).FirstOrDefault();
            if (vpc == null) return null;
            var blocks = (vpc.CidrBlockAssociationSet ?? new List<VpcCidrBlockAssociation>())
                .Where(b => b.CidrBlockState?.State == null || b.CidrBlockState.State == VpcCidrBlockStateCode.Associated)
                .Select(b => b.CidrBlock).ToList();
            if (blocks.Count == 0 && !string.IsNullOrEmpty(vpc.CidrBlock)) blocks.Add(vpc.CidrBlock);
            return blocks;
        }

        /// <summary>A VPC with every associated IPv4 block and its tags, for peering; null when EC2 does not know it.</summary>
        public async Task<PeeringVpc?> DescribePeeringVpcAsync(string vpcId)
        {
            var request = new DescribeVpcsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) } };
            var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeVpcs", $"vpc-id={vpcId} ({_session.Region})",
                () => _ec2.DescribeVpcsAsync(request, _session.Cancellation)).ConfigureAwait(false);
            var vpc = (response.Vpcs ?? new List<Vpc>()).FirstOrDefault(v => v.VpcId == vpcId);
            return vpc == null ? null : ToPeeringVpc(vpc, _session.Region);
        }

        /// <summary>Every route table of the VPC with all its IPv4 routes: peering looks past the default route.</summary>
        public async Task<IReadOnlyList<PeeringRouteTable>> DescribePeeringRouteTablesAsync(string vpcId)
        {
            var tables = new List<PeeringRouteTable>();
            string? token = null;
            do
            {
                var request = new DescribeRouteTablesRequest
                {
                    Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) },
                    NextToken = token,
                };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeRouteTables", $"vpc-id={vpcId} ({_session.Region})",
                    () => _ec2.DescribeRouteTablesAsync(request, _session.Cancellation)).ConfigureAwait(false);
                tables.AddRange((response.RouteTables ?? new List<RouteTable>())
                    .Where(t => t.VpcId == null || t.VpcId == vpcId)
                    .Select(t => new PeeringRouteTable(t.RouteTableId, vpcId,
                        (t.Routes ?? new List<Route>()).Select(ToPeeringRoute).Where(r => r != null).Select(r => r!), TagsOf(t.Tags))));
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return tables;
        }

        /// <summary>
        /// The peering connections between two VPCs in either direction and in any state. The server-side filters
        /// narrow the answer; the check on this side keeps only the pair (an endpoint may ignore filters).
        /// </summary>
        public async Task<IReadOnlyList<PeeringConnectionInfo>> DescribePeeringConnectionsAsync(string vpcId, string otherVpcId)
        {
            var both = new List<string> { vpcId, otherVpcId };
            var found = new List<PeeringConnectionInfo>();
            string? token = null;
            do
            {
                var request = new DescribeVpcPeeringConnectionsRequest
                {
                    Filters = new List<Filter>
                    {
                        new Filter("requester-vpc-info.vpc-id", both),
                        new Filter("accepter-vpc-info.vpc-id", both),
                    },
                    NextToken = token,
                };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeVpcPeeringConnections",
                    $"between {vpcId} and {otherVpcId} ({_session.Region})",
                    () => _ec2.DescribeVpcPeeringConnectionsAsync(request, _session.Cancellation)).ConfigureAwait(false);
                found.AddRange((response.VpcPeeringConnections ?? new List<VpcPeeringConnection>())
                    .Select(ToPeeringConnection).Where(c => c.Joins(vpcId, otherVpcId)));
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return found;
        }

        /// <summary>One peering connection by id; null while EC2 does not know it yet (it is eventually consistent).</summary>
        public async Task<PeeringConnectionInfo?> DescribePeeringConnectionAsync(string peeringConnectionId)
        {
            var request = new DescribeVpcPeeringConnectionsRequest { VpcPeeringConnectionIds = new List<string> { peeringConnectionId } };
            try
            {
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeVpcPeeringConnections", $"{peeringConnectionId} ({_session.Region})",
                    () => _ec2.DescribeVpcPeeringConnectionsAsync(request, _session.Cancellation)).ConfigureAwait(false);
                var connection = (response.VpcPeeringConnections ?? new List<VpcPeeringConnection>())
                    .FirstOrDefault(c => c.VpcPeeringConnectionId == peeringConnectionId);
                return connection == null ? null : ToPeeringConnection(connection);
            }
            catch (AwsCallException ex) when (ex.Kind == HaNatErrorKind.ObjectNotFound)
            {
                return null;
            }
        }

        public static PeeringVpc ToPeeringVpc(Vpc vpc, string region)
        {
            var blocks = (vpc.CidrBlockAssociationSet ?? new List<VpcCidrBlockAssociation>())
                .Where(b => b.CidrBlockState?.State == null || b.CidrBlockState.State == VpcCidrBlockStateCode.Associated)
                .Select(b => b.CidrBlock).Where(b => !string.IsNullOrEmpty(b)).ToList();
            // The primary block first, as EC2 lists it in CidrBlock.
            if (!string.IsNullOrEmpty(vpc.CidrBlock))
            {
                blocks.Remove(vpc.CidrBlock);
                blocks.Insert(0, vpc.CidrBlock);
            }
            return new PeeringVpc(vpc.VpcId, region, blocks, TagsOf(vpc.Tags));
        }

        /// <summary>An IPv4 route; null for IPv6 and prefix-list routes, which peering by CIDR never writes.</summary>
        public static PeeringRoute? ToPeeringRoute(Route route)
        {
            if (string.IsNullOrEmpty(route.DestinationCidrBlock)) return null;
            var target = ToDefaultRoute(route);
            return new PeeringRoute(route.DestinationCidrBlock, target.TargetId, NullIfEmpty(route.VpcPeeringConnectionId), target.Blackhole);
        }

        public static PeeringConnectionInfo ToPeeringConnection(VpcPeeringConnection connection) => new PeeringConnectionInfo(
            connection.VpcPeeringConnectionId,
            connection.RequesterVpcInfo?.VpcId ?? string.Empty,
            connection.RequesterVpcInfo?.Region ?? string.Empty,
            connection.AccepterVpcInfo?.VpcId ?? string.Empty,
            connection.AccepterVpcInfo?.Region ?? string.Empty,
            connection.Status?.Code?.Value ?? "unknown",
            TagsOf(connection.Tags));

        /// <summary>
        /// The VPC's running HaNat NATs (tag hanat:managed=true), as the SDK returns them: the monitor needs their
        /// private addresses and zones, which <see cref="InstanceInfo"/> does not carry.
        /// </summary>
        public async Task<IReadOnlyList<Instance>> DescribeRunningManagedInstancesAsync(string vpcId)
        {
            var found = new List<Instance>();
            string? token = null;
            do
            {
                var request = new DescribeInstancesRequest
                {
                    Filters = new List<Filter>
                    {
                        new Filter("vpc-id", new List<string> { vpcId }),
                        new Filter("tag:" + HaNatTags.Managed, new List<string> { HaNatTags.ManagedValue }),
                        new Filter("instance-state-name", new List<string> { "running" }),
                    },
                    NextToken = token,
                };
                var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeInstances",
                    $"vpc-id={vpcId} tag:{HaNatTags.Managed}={HaNatTags.ManagedValue} instance-state-name=running",
                    () => _ec2.DescribeInstancesAsync(request, _session.Cancellation)).ConfigureAwait(false);
                found.AddRange((response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()));
                token = response.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return found;
        }

        /// <summary>A VPC's tags, or null when EC2 does not know the VPC.</summary>
        public async Task<IReadOnlyDictionary<string, string>?> DescribeVpcTagsAsync(string vpcId)
        {
            var request = new DescribeVpcsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpcId }) } };
            var response = await AwsCall.RunAsync(_session.Log, "EC2", "DescribeVpcs", "vpc-id=" + vpcId,
                () => _ec2.DescribeVpcsAsync(request, _session.Cancellation)).ConfigureAwait(false);
            var vpc = (response.Vpcs ?? new List<Vpc>()).FirstOrDefault();
            return vpc == null ? null : TagsOf(vpc.Tags);
        }

        public static InstanceInfo ToInfo(Instance instance) => new InstanceInfo(
            instance.InstanceId,
            instance.State?.Name?.Value ?? "unknown",
            instance.Placement?.AvailabilityZone ?? string.Empty,
            instance.VpcId ?? string.Empty,
            instance.SourceDestCheck ?? true,
            (instance.NetworkInterfaces ?? new List<InstanceNetworkInterface>()).Select(n => n.NetworkInterfaceId),
            TagsOf(instance.Tags));

        public static RouteTableInfo ToInfo(RouteTable table)
        {
            var associations = table.Associations ?? new List<RouteTableAssociation>();
            var isMain = associations.Any(a => a.Main == true);
            var subnets = associations.Where(a => !string.IsNullOrEmpty(a.SubnetId)).Select(a => a.SubnetId);
            var routes = table.Routes ?? new List<Route>();
            var route = routes.FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0");
            var others = routes.Where(r => r.DestinationCidrBlock != "0.0.0.0/0" && r.GatewayId != "local").Select(ToOtherRoute).ToList();
            return new RouteTableInfo(table.RouteTableId, isMain, subnets, route == null ? null : ToDefaultRoute(route), TagsOf(table.Tags), others);
        }

        /// <summary>A route other than local and 0.0.0.0/0, and whether CreateRoute can make it again in another table.</summary>
        public static OtherRoute ToOtherRoute(Route route)
        {
            var target = ToDefaultRoute(route);
            var destination = NullIfEmpty(route.DestinationCidrBlock) ?? NullIfEmpty(route.DestinationIpv6CidrBlock) ?? route.DestinationPrefixListId ?? "unknown";
            string? why = null;
            if (route.Origin == RouteOrigin.EnableVgwRoutePropagation) why = "propagated from a virtual private gateway (enable propagation on the new table)";
            else if (string.IsNullOrEmpty(route.DestinationCidrBlock)) why = "not an IPv4 block";
            else if (target.Blackhole) why = "a blackhole";
            else if (target.Kind == RouteTargetKind.VpcEndpoint || target.Kind == RouteTargetKind.Other) why = "its target is not one CreateRoute takes";
            return new OtherRoute(destination, target.Kind, target.TargetId, why);
        }

        public static DefaultRoute ToDefaultRoute(Route route)
        {
            var blackhole = route.State == RouteState.Blackhole;
            if (!string.IsNullOrEmpty(route.InstanceId))
                return new DefaultRoute(RouteTargetKind.Instance, route.InstanceId, route.InstanceId, NullIfEmpty(route.NetworkInterfaceId), blackhole);
            if (!string.IsNullOrEmpty(route.NetworkInterfaceId))
                return new DefaultRoute(RouteTargetKind.NetworkInterface, route.NetworkInterfaceId, null, route.NetworkInterfaceId, blackhole);
            if (!string.IsNullOrEmpty(route.NatGatewayId)) return Foreign(RouteTargetKind.NatGateway, route.NatGatewayId, blackhole);
            if (!string.IsNullOrEmpty(route.TransitGatewayId)) return Foreign(RouteTargetKind.TransitGateway, route.TransitGatewayId, blackhole);
            if (!string.IsNullOrEmpty(route.VpcPeeringConnectionId)) return Foreign(RouteTargetKind.PeeringConnection, route.VpcPeeringConnectionId, blackhole);
            var gateway = route.GatewayId ?? route.CarrierGatewayId ?? route.LocalGatewayId ?? route.CoreNetworkArn ?? "unknown";
            var kind = gateway.StartsWith("igw-", StringComparison.Ordinal) ? RouteTargetKind.InternetGateway
                : gateway.StartsWith("vgw-", StringComparison.Ordinal) ? RouteTargetKind.VpnGateway
                : gateway.StartsWith("vpce-", StringComparison.Ordinal) ? RouteTargetKind.VpcEndpoint
                : RouteTargetKind.Other;
            return Foreign(kind, gateway, blackhole);
        }

        private static DefaultRoute Foreign(RouteTargetKind kind, string id, bool blackhole) => new DefaultRoute(kind, id, null, null, blackhole);

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        public static IReadOnlyDictionary<string, string> TagsOf(List<Tag>? tags) =>
            (tags ?? new List<Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty);
    }
}
