namespace HaNat.Peering
{
    /// <summary>A route outside HaNat's tables that will point at a deleted connection: reported, never touched.</summary>
    internal sealed class StrandedRoute
    {
        public StrandedRoute(string vpcId, string routeTableId, string destinationCidr, string peeringConnectionId)
        {
            VpcId = vpcId;
            RouteTableId = routeTableId;
            DestinationCidr = destinationCidr;
            PeeringConnectionId = peeringConnectionId;
        }

        public string VpcId { get; }
        public string RouteTableId { get; }
        public string DestinationCidr { get; }
        public string PeeringConnectionId { get; }
    }
}
