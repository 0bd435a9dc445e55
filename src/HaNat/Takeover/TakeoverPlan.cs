using System.Collections.Generic;
using System.Linq;
using HaNat.Model;

namespace HaNat.Takeover
{
    internal enum RouteWriteKind
    {
        CreateRoute,
        ReplaceRoute,
        /// <summary>
        /// Create a HaNat route table with 0.0.0.0/0 to the NAT and the main table's other routes, and associate it to a
        /// subnet on the main table.
        /// </summary>
        NewRouteTable,
    }

    /// <summary>One write to one route table. Each table gets at most one, however many subnets share it.</summary>
    internal sealed class RouteTableWrite
    {
        public RouteTableWrite(RouteWriteKind kind, string? routeTableId, string? subnetId, string? previousTarget, bool foreign,
            IReadOnlyList<OtherRoute>? mainTableRoutes = null)
        {
            Kind = kind;
            RouteTableId = routeTableId;
            SubnetId = subnetId;
            PreviousTarget = previousTarget;
            Foreign = foreign;
            var routes = mainTableRoutes ?? new OtherRoute[0];
            CopiedRoutes = routes.Where(r => r.NotCopyable == null).ToList();
            NotCopied = routes.Where(r => r.NotCopyable != null).ToList();
        }

        /// <summary>For a new table: the main table's routes it gets too, so that the subnet keeps its other paths (peering, VPN, endpoints).</summary>
        public IReadOnlyList<OtherRoute> CopiedRoutes { get; }
        /// <summary>For a new table: the main table's routes that cannot be copied; the takeover warns about each.</summary>
        public IReadOnlyList<OtherRoute> NotCopied { get; }

        public RouteWriteKind Kind { get; }
        /// <summary>The table to write; null for a new table, which does not exist yet.</summary>
        public string? RouteTableId { get; }
        /// <summary>The subnet a new table is for.</summary>
        public string? SubnetId { get; }
        public string? PreviousTarget { get; }
        public bool Foreign { get; }

        public string Describe(string instanceId) => Kind switch
        {
            RouteWriteKind.CreateRoute => $"create 0.0.0.0/0 -> {instanceId} in {RouteTableId}",
            RouteWriteKind.ReplaceRoute => $"replace 0.0.0.0/0 -> {PreviousTarget} with -> {instanceId} in {RouteTableId}",
            _ => $"create a route table with 0.0.0.0/0 -> {instanceId}" +
                 (CopiedRoutes.Count > 0 ? $" and the main table's {string.Join(", ", CopiedRoutes)}" : "") + $" for {SubnetId} (now on the main table)" +
                 (NotCopied.Count > 0 ? $"; not copyable: {string.Join(", ", NotCopied)}" : ""),
        };
    }

    /// <summary>The zone's Elastic IP, to be associated with the NAT.</summary>
    internal sealed class AddressAssociation
    {
        public AddressAssociation(string allocationId, string publicIp, string? previousInstanceId)
        {
            AllocationId = allocationId;
            PublicIp = publicIp;
            PreviousInstanceId = previousInstanceId;
        }

        public string AllocationId { get; }
        public string PublicIp { get; }
        public string? PreviousInstanceId { get; }
    }

    internal sealed class PlannedSubnet
    {
        public PlannedSubnet(SubnetInfo subnet, string? routeTableId, TakeoverAction action, string? previousTarget, RouteTableWrite? write)
        {
            Subnet = subnet;
            RouteTableId = routeTableId;
            Action = action;
            PreviousTarget = previousTarget;
            Write = write;
        }

        public SubnetInfo Subnet { get; }
        public string? RouteTableId { get; }
        public TakeoverAction Action { get; }
        public string? PreviousTarget { get; }
        public RouteTableWrite? Write { get; }
    }

    /// <summary>
    /// Everything a takeover will write, in the order it must be written: source/dest check off first (a route to a
    /// NAT that still checks would black-hole traffic), then the zone's Elastic IP, then the routes.
    /// </summary>
    internal sealed class TakeoverPlan
    {
        public TakeoverPlan(string instanceId, string vpcId, string availabilityZone, bool disableSourceDestCheck,
            AddressAssociation? address, IEnumerable<RouteTableWrite> writes, IEnumerable<PlannedSubnet> subnets)
        {
            InstanceId = instanceId;
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            DisableSourceDestCheck = disableSourceDestCheck;
            Address = address;
            Writes = writes.ToArray();
            Subnets = subnets.ToArray();
        }

        public string InstanceId { get; }
        public string VpcId { get; }
        public string AvailabilityZone { get; }
        public bool DisableSourceDestCheck { get; }
        public AddressAssociation? Address { get; }
        public IReadOnlyList<RouteTableWrite> Writes { get; }
        public IReadOnlyList<PlannedSubnet> Subnets { get; }

        public bool HasWrites => DisableSourceDestCheck || Address != null || Writes.Count > 0;
    }
}
