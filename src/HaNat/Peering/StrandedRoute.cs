namespace HaNat.Peering
{
    /// <summary>A route outside HaNat's tables that will point at a deleted connection: reported, never touched.</summary>
    internal sealed record StrandedRoute(string VpcId, string RouteTableId, string DestinationCidr,
        string PeeringConnectionId);
}
