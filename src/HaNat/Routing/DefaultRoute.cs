namespace HaNat.Routing
{
    /// <summary>A default route as EC2 reported it, reduced to what the planners need.</summary>
    internal sealed class DefaultRoute
    {
        public DefaultRoute(RouteTargetKind kind, string targetId, string? instanceId, string? networkInterfaceId, bool blackhole)
        {
            Kind = kind;
            TargetId = targetId;
            InstanceId = instanceId;
            NetworkInterfaceId = networkInterfaceId;
            Blackhole = blackhole;
        }

        public RouteTargetKind Kind { get; }
        /// <summary>The id a person would name: the instance id for instance routes, else the gateway/interface id.</summary>
        public string TargetId { get; }
        public string? InstanceId { get; }
        public string? NetworkInterfaceId { get; }
        public bool Blackhole { get; }

        public override string ToString() => Blackhole ? TargetId + " (blackhole)" : TargetId;
    }
}
