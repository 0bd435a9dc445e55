namespace HaNat.Model
{
    /// <summary>
    /// One route to a peer VPC's CIDR block in one HaNat route table. Immutable; formatted by HaNat.Format.ps1xml.
    /// VpcId, PeerVpcId, VpcRegion and PeerRegion bind by property name, so results pipe into Disconnect-HaNatVpc,
    /// the far end's results of a cross-region peering included.
    /// </summary>
    public sealed class PeeringResult
    {
        public PeeringResult(string vpcId, string routeTableId, string destinationCidr, PeeringRouteAction action,
            string? peeringConnectionId, string? conflictingTarget, string peerVpcId, string? vpcRegion = null, string? peerRegion = null)
        {
            VpcRegion = vpcRegion;
            PeerRegion = peerRegion;
            VpcId = vpcId;
            RouteTableId = routeTableId;
            DestinationCidr = destinationCidr;
            Action = action;
            PeeringConnectionId = peeringConnectionId;
            ConflictingTarget = conflictingTarget;
            PeerVpcId = peerVpcId;
        }

        /// <summary>The VPC whose route table this is.</summary>
        public string VpcId { get; }
        public string RouteTableId { get; }
        /// <summary>One IPv4 CIDR block of the peer VPC.</summary>
        public string DestinationCidr { get; }
        public PeeringRouteAction Action { get; }
        /// <summary>The peering connection; null only under -WhatIf for a connection not made yet.</summary>
        public string? PeeringConnectionId { get; }
        /// <summary>What the route pointed at instead of the peering: still does (Conflict), or did (Replaced).</summary>
        public string? ConflictingTarget { get; }
        /// <summary>The VPC on the other end of the peering.</summary>
        public string PeerVpcId { get; }
        /// <summary>The region of <see cref="VpcId"/>.</summary>
        public string? VpcRegion { get; }
        /// <summary>The region of <see cref="PeerVpcId"/>.</summary>
        public string? PeerRegion { get; }
    }
}
