using HaNat.Model;

namespace HaNat.Peering
{
    /// <summary>One destination in one HaNat route table: what it is now, what to write, and what to report.</summary>
    /// <param name="End">Which end's region the table is in (and so which client writes it).</param>
    /// <param name="PeeringConnectionId">The connection the route goes to now; null when it is to go to a connection not made yet.</param>
    /// <param name="Region">The region of <paramref name="VpcId"/>, which the results carry for the pipeline.</param>
    /// <param name="PeerRegion">The region of <paramref name="PeerVpcId"/>, likewise.</param>
    internal sealed record PlannedRoute(
        PeeringEnd End,
        string VpcId,
        string PeerVpcId,
        string RouteTableId,
        string DestinationCidr,
        PeeringRouteAction Action,
        RouteWrite Write,
        string? PeeringConnectionId,
        string? ConflictingTarget,
        string? Region = null,
        string? PeerRegion = null)
    {
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
