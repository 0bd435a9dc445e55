namespace HaNat.Monitor
{
    /// <summary>This NAT itself.</summary>
    internal sealed class SelfView
    {
        public SelfView(string instanceId, string zone, bool healthy)
        {
            InstanceId = instanceId;
            Zone = zone;
            Healthy = healthy;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public bool Healthy { get; }
        /// <summary>Since when it has been unhealthy without a break; null when healthy.</summary>
        public double? UnhealthySince { get; set; }
        /// <summary>Whether a local check fails (not only the egress probe, whose target may be the one at fault).</summary>
        public bool LocalCheckFails { get; set; }
        /// <summary>This NAT is leaving on purpose: it takes nothing and marks nothing, and is no candidate to take a zone.</summary>
        public bool Leaving { get; set; }
    }
}
