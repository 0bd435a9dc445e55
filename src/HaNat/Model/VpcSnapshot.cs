using System;
using System.Collections.Generic;
using System.Linq;

namespace HaNat.Model
{
    /// <summary>What a 0.0.0.0/0 route points at. HaNat treats instances as its own kind; everything else is foreign.</summary>
    internal enum RouteTargetKind
    {
        Instance,
        NetworkInterface,
        InternetGateway,
        NatGateway,
        TransitGateway,
        VpnGateway,
        PeeringConnection,
        VpcEndpoint,
        Other,
    }

    /// <summary>A default route as EC2 reported it, reduced to what the planners need.</summary>
    internal sealed class DefaultRoute
    {
        public DefaultRoute(RouteTargetKind kind, string targetId, string? instanceId, string? networkInterfaceId, bool blackhole)
        {
            Kind = kind;
            TargetId = targetId;
            InstanceId = instanceId;
            NetworkInterfaceId = networkInterfaceId;
            Blackhole = blackhole;
        }

        public RouteTargetKind Kind { get; }
        /// <summary>The id a person would name: the instance id for instance routes, else the gateway/interface id.</summary>
        public string TargetId { get; }
        public string? InstanceId { get; }
        public string? NetworkInterfaceId { get; }
        public bool Blackhole { get; }

        public override string ToString() => Blackhole ? TargetId + " (blackhole)" : TargetId;
    }

    /// <summary>
    /// A route of a table other than its local route and 0.0.0.0/0: what a subnet moved off the main table would lose
    /// unless its new table gets it too.
    /// </summary>
    internal sealed class OtherRoute
    {
        public OtherRoute(string destination, RouteTargetKind kind, string targetId, string? notCopyable = null)
        {
            Destination = destination;
            Kind = kind;
            TargetId = targetId;
            NotCopyable = notCopyable;
        }

        /// <summary>An IPv4 CIDR block, or the IPv6 block or prefix list it is for.</summary>
        public string Destination { get; }
        public RouteTargetKind Kind { get; }
        public string TargetId { get; }
        /// <summary>Why CreateRoute cannot make the same route in another table; null when it can.</summary>
        public string? NotCopyable { get; }

        public override string ToString() => Destination + " -> " + TargetId;
    }

    internal sealed class RouteTableInfo
    {
        public RouteTableInfo(string id, bool isMain, IEnumerable<string> subnetIds, DefaultRoute? defaultRoute, IReadOnlyDictionary<string, string>? tags = null,
            IReadOnlyList<OtherRoute>? otherRoutes = null)
        {
            Id = id;
            IsMain = isMain;
            SubnetIds = subnetIds.ToArray();
            DefaultRoute = defaultRoute;
            Tags = tags ?? new Dictionary<string, string>();
            OtherRoutes = otherRoutes ?? Array.Empty<OtherRoute>();
        }

        /// <summary>Every route but the local one(s) and 0.0.0.0/0.</summary>
        public IReadOnlyList<OtherRoute> OtherRoutes { get; }

        public string Id { get; }
        public bool IsMain { get; }
        public IReadOnlyList<string> SubnetIds { get; }
        public DefaultRoute? DefaultRoute { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }

    internal sealed class SubnetInfo
    {
        public SubnetInfo(string id, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string>? tags = null)
        {
            Id = id;
            AvailabilityZone = availabilityZone;
            CidrBlock = cidrBlock;
            Tags = tags ?? new Dictionary<string, string>();
        }

        public string Id { get; }
        public string AvailabilityZone { get; }
        public string CidrBlock { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }

    internal sealed class InstanceInfo
    {
        public InstanceInfo(string id, string state, string availabilityZone, string vpcId, bool sourceDestCheck,
            IEnumerable<string>? networkInterfaceIds = null, IReadOnlyDictionary<string, string>? tags = null)
        {
            Tags = tags ?? new Dictionary<string, string>();
            Id = id;
            State = state;
            AvailabilityZone = availabilityZone;
            VpcId = vpcId;
            SourceDestCheck = sourceDestCheck;
            NetworkInterfaceIds = (networkInterfaceIds ?? Array.Empty<string>()).ToArray();
        }

        public string Id { get; }
        /// <summary>EC2's state name: pending, running, stopping, stopped, shutting-down, terminated.</summary>
        public string State { get; }
        public string AvailabilityZone { get; }
        public string VpcId { get; }
        public bool SourceDestCheck { get; }
        public IReadOnlyList<string> NetworkInterfaceIds { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        public bool IsRunning => State == "running" || State == "pending";

        /// <summary>
        /// HaNat's own NAT: tagged hanat:managed=true, as the launch template tags every instance it launches. An
        /// application instance is not, and HaNat neither turns it into a NAT nor calls a route to it healthy.
        /// </summary>
        public bool IsHaNatManaged => Tags.TryGetValue(HaNatTags.Managed, out var value) && value == HaNatTags.ManagedValue;
    }

    internal sealed class AddressInfo
    {
        public AddressInfo(string allocationId, string publicIp, string? instanceId)
        {
            AllocationId = allocationId;
            PublicIp = publicIp;
            InstanceId = instanceId;
        }

        public string AllocationId { get; }
        public string PublicIp { get; }
        public string? InstanceId { get; }
    }

    /// <summary>The part of one VPC that a takeover or an audit looks at, read in one round of describe calls.</summary>
    internal sealed class VpcSnapshot
    {
        public VpcSnapshot(string vpcId, IEnumerable<SubnetInfo> privateSubnets, IEnumerable<RouteTableInfo> routeTables,
            IEnumerable<InstanceInfo>? instances = null, IEnumerable<AddressInfo>? zoneAddresses = null)
        {
            VpcId = vpcId;
            PrivateSubnets = privateSubnets.OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
            RouteTables = routeTables.ToArray();
            Instances = (instances ?? Array.Empty<InstanceInfo>()).GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
            ZoneAddresses = (zoneAddresses ?? Array.Empty<AddressInfo>()).ToArray();
        }

        public string VpcId { get; }
        public IReadOnlyList<SubnetInfo> PrivateSubnets { get; }
        public IReadOnlyList<RouteTableInfo> RouteTables { get; }
        public IReadOnlyDictionary<string, InstanceInfo> Instances { get; }
        /// <summary>Elastic IPs tagged for the zone being taken over (empty in an audit).</summary>
        public IReadOnlyList<AddressInfo> ZoneAddresses { get; }

        public RouteTableInfo? MainRouteTable => RouteTables.FirstOrDefault(t => t.IsMain);

        /// <summary>The table a subnet uses: its explicit association, else the VPC's main table.</summary>
        public RouteTableInfo? RouteTableOf(string subnetId) =>
            RouteTables.FirstOrDefault(t => t.SubnetIds.Contains(subnetId)) ?? MainRouteTable;
    }
}
