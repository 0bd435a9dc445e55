namespace HaNat.Peering
{
    /// <summary>Which end of a peering: the VPC the command names (-VpcId) or its peer (-PeerVpcId).</summary>
    internal enum PeeringEnd
    {
        Local,
        Peer,
    }
}
