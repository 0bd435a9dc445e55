namespace HaNat.Model
{
    /// <summary>What a takeover did to one private subnet's default route.</summary>
    public enum TakeoverAction
    {
        /// <summary>The route table had no 0.0.0.0/0 route; one was created to this NAT.</summary>
        Created,
        /// <summary>0.0.0.0/0 pointed at another, dead or missing instance, or was a blackhole; it now points here.</summary>
        Replaced,
        /// <summary>The subnet used the main route table; it now has a HaNat route table of its own.</summary>
        NewRouteTable,
        /// <summary>0.0.0.0/0 already pointed at this NAT: nothing was written.</summary>
        Unchanged,
        /// <summary>0.0.0.0/0 pointed at something that is not an instance (NAT gateway, VPN, peering...): left alone.</summary>
        LeftForeign,
        /// <summary>A foreign 0.0.0.0/0 route was replaced because -Force was given.</summary>
        ReplacedForeign,
    }

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
