namespace HaNat.Peering
{
    /// <summary>The refusals Connect- and Disconnect-HaNatVpc share, each before any write.</summary>
    internal static class PeeringChecks
    {
        /// <summary>Before any read: a VPC cannot be peered with itself.</summary>
        public static void RequireTwoVpcs(string vpcId, string peerVpcId, string region, string peerRegion)
        {
            if (vpcId == peerVpcId && region == peerRegion)
            {
                throw new HaNatException("SameVpc", HaNatErrorKind.InvalidArgument,
                    $"-VpcId and -PeerVpcId are both {vpcId}: a VPC cannot be peered with itself. Name two different VPCs.")
                { Target = vpcId };
            }
        }

        /// <summary>Both VPCs exist where the command looked for them.</summary>
        public static void RequireFound(PeeringSnapshot snapshot)
        {
            foreach (var side in snapshot.Sides.Where(s => s.Vpc == null))
            {
                var hint = side.End == PeeringEnd.Peer
                    ? "Check the id, and pass -PeerRegion when the peer is in another region."
                    : "Check the id and -Region.";
                throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound,
                    $"VPC {side.VpcId} was not found in {side.Region}. {hint}") { Target = side.VpcId };
            }
        }
    }
}
