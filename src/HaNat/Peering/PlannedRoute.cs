using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>One destination in one HaNat route table: what it is now, what to write, and what to report.</summary>
    internal sealed class PlannedRoute
    {
        public PlannedRoute(PeeringEnd end, string vpcId, string peerVpcId, string routeTableId, string destinationCidr,
            PeeringRouteAction action, RouteWrite write, string? peeringConnectionId, string? conflictingTarget,
            string? region = null, string? peerRegion = null)
        {
            Region = region;
            PeerRegion = peerRegion;
            End = end;
            VpcId = vpcId;
            PeerVpcId = peerVpcId;
            RouteTableId = routeTableId;
            DestinationCidr = destinationCidr;
            Action = action;
            Write = write;
            PeeringConnectionId = peeringConnectionId;
            ConflictingTarget = conflictingTarget;
        }

        /// <summary>Which end's region the table is in (and so which client writes it).</summary>
        public PeeringEnd End { get; }
        public string VpcId { get; }
        public string PeerVpcId { get; }
        /// <summary>The regions of <see cref="VpcId"/> and <see cref="PeerVpcId"/>, which the results carry for the pipeline.</summary>
        public string? Region { get; }
        public string? PeerRegion { get; }
        public string RouteTableId { get; }
        public string DestinationCidr { get; }
        public PeeringRouteAction Action { get; }
        public RouteWrite Write { get; }
        /// <summary>The connection the route goes to now; null when it is to go to a connection not made yet.</summary>
        public string? PeeringConnectionId { get; }
        public string? ConflictingTarget { get; }

        /// <summary>What -WhatIf and -Confirm say about the write; <paramref name="connection"/> names the target connection.</summary>
        public string Describe(string connection) => Write switch
        {
            RouteWrite.Create => $"create route {DestinationCidr} -> {connection} (to {PeerVpcId})",
            RouteWrite.Replace => $"replace route {DestinationCidr} -> {ConflictingTarget} with -> {connection} (to {PeerVpcId})",
            RouteWrite.Delete => $"delete route {DestinationCidr} -> {PeeringConnectionId} (to {PeerVpcId})",
            _ => $"leave route {DestinationCidr} as it is",
        };

        public PeeringResult ToResult(string? connectionId) => new PeeringResult(VpcId, RouteTableId, DestinationCidr, Action,
            PeeringConnectionId ?? connectionId, ConflictingTarget, PeerVpcId, Region, PeerRegion);
    }
}
