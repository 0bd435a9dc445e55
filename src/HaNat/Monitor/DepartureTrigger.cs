namespace HaNat.Monitor
{
    /// <summary>Why this NAT is leaving on purpose, or None.</summary>
    internal enum DepartureTrigger
    {
        None,
        /// <summary>SIGTERM: systemd stops the monitor (shutdown, reboot, `systemctl stop`).</summary>
        Sigterm,
        /// <summary>IMDS autoscaling/target-lifecycle-state is Terminated: the Auto Scaling group terminates it.</summary>
        Lifecycle,
        /// <summary>IMDS spot/instance-action is present: a spot interruption notice (terminate, stop or hibernate).</summary>
        Spot,
        /// <summary>IMDS events/recommendations/rebalance is present: the spot instance is at elevated risk of interruption.</summary>
        Rebalance,
    }

    /// <summary>What IMDS says of a planned departure, read as a trigger. Pure.</summary>
    internal static class DepartureSignals
    {
        public const string LifecycleStatePath = "autoscaling/target-lifecycle-state";
        public const string SpotActionPath = "spot/instance-action";
        public const string RebalancePath = "events/recommendations/rebalance";

        /// <summary>
        /// The trigger the three IMDS paths show (null: the path answered 404, as it does on AWS when there is no such
        /// thing: no group, no notice). The lifecycle state counts only when it is Terminated: InService is the normal
        /// state, and Detached or Warmed:* are not a termination.
        /// </summary>
        public static DepartureTrigger From(string? lifecycleState, string? spotAction, string? rebalance)
        {
            if (string.Equals(lifecycleState?.Trim(), "Terminated", StringComparison.Ordinal)) return DepartureTrigger.Lifecycle;
            if (!string.IsNullOrWhiteSpace(spotAction)) return DepartureTrigger.Spot;
            if (!string.IsNullOrWhiteSpace(rebalance)) return DepartureTrigger.Rebalance;
            return DepartureTrigger.None;
        }

        /// <summary>The trigger as the monitor's log says it.</summary>
        public static string Name(DepartureTrigger trigger) => trigger switch
        {
            DepartureTrigger.Sigterm => "sigterm",
            DepartureTrigger.Lifecycle => "lifecycle-terminated",
            DepartureTrigger.Spot => "spot-interruption",
            DepartureTrigger.Rebalance => "rebalance-recommendation",
            _ => "none",
        };
    }
}
