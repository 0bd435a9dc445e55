namespace HaNat.Inventory
{
    /// <summary>An instance as its Auto Scaling group lists it.</summary>
    /// <param name="LifecycleState">InService, Pending, Pending:Wait, Terminating, Terminating:Wait, Standby…</param>
    /// <param name="HealthStatus">Healthy or Unhealthy: the group replaces an Unhealthy one.</param>
    internal sealed record FoundGroupInstance(string InstanceId, string? AvailabilityZone, string? LifecycleState, string? HealthStatus);
}
