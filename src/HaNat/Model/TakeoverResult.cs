namespace HaNat.Model
{
    /// <summary>One private subnet after a takeover. Immutable; formatted by HaNat.Format.ps1xml.</summary>
    public sealed class TakeoverResult
    {
        public TakeoverResult(string subnetId, string routeTableId, string availabilityZone, TakeoverAction action,
            string? previousTarget, string target, string instanceId, string vpcId)
        {
            SubnetId = subnetId;
            RouteTableId = routeTableId;
            AvailabilityZone = availabilityZone;
            Action = action;
            PreviousTarget = previousTarget;
            Target = target;
            InstanceId = instanceId;
            VpcId = vpcId;
        }

        public string SubnetId { get; }
        public string RouteTableId { get; }
        public string AvailabilityZone { get; }
        public TakeoverAction Action { get; }
        public string? PreviousTarget { get; }
        /// <summary>Where 0.0.0.0/0 points now (the foreign target itself when it was left alone).</summary>
        public string Target { get; }
        public string InstanceId { get; }
        public string VpcId { get; }
    }
}
