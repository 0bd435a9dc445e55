namespace HaNat.Monitor
{
    internal enum ActionKind
    {
        /// <summary>Point the zone's private default routes at this NAT (-AvailabilityZone: routes only, no Elastic IP).</summary>
        TakeOverZone,
        /// <summary>SetInstanceHealth Unhealthy, so the Auto Scaling group replaces the instance.</summary>
        MarkUnhealthy,
    }
}
