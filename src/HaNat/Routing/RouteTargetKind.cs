namespace HaNat.Routing
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
}
