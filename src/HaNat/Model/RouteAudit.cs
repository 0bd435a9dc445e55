namespace HaNat.Model
{
    /// <summary>One private subnet's default route, audited. Immutable; formatted by HaNat.Format.ps1xml.</summary>
    public sealed class RouteAudit
    {
        public RouteAudit(string vpcId, string subnetId, string availabilityZone, string? routeTableId, string? target,
            RouteStatus status, string detail)
        {
            VpcId = vpcId;
            SubnetId = subnetId;
            AvailabilityZone = availabilityZone;
            RouteTableId = routeTableId;
            Target = target;
            Status = status;
            Detail = detail;
        }

        public string VpcId { get; }
        public string SubnetId { get; }
        public string AvailabilityZone { get; }
        public string? RouteTableId { get; }
        public string? Target { get; }
        public RouteStatus Status { get; }
        public bool Healthy => Status == RouteStatus.Healthy || Status == RouteStatus.CrossZone;
        public string Detail { get; }
    }
}
