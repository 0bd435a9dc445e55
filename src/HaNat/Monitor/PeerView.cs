namespace HaNat.Monitor
{
    /// <summary>What this NAT knows about one peer NAT at the moment of a decision. Times are seconds on the monitor's clock.</summary>
    internal sealed class PeerView
    {
        public PeerView(string instanceId, string zone, double knownSince)
        {
            InstanceId = instanceId;
            Zone = zone;
            KnownSince = knownSince;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        /// <summary>When this NAT first learnt of the peer (EC2 listing, or its first beat).</summary>
        public double KnownSince { get; }
        /// <summary>When the last valid beat arrived; null if none ever did.</summary>
        public double? LastBeatAt { get; set; }
        /// <summary>The health flag of its last valid beat.</summary>
        public bool ReportsHealthy { get; set; } = true;
        /// <summary>Valid beats in a row that reported unhealthy (lost beats do not break the run).</summary>
        public int UnhealthyStreak { get; set; }
        public IReadOnlyList<string> FailingChecks { get; set; } = Array.Empty<string>();
        /// <summary>The peers its last beat said it hears.</summary>
        public IReadOnlyCollection<string> Hears { get; set; } = Array.Empty<string>();
        /// <summary>False once EC2 no longer lists it as a running HaNat NAT.</summary>
        public bool Listed { get; set; } = true;
        /// <summary>When the EC2 read that first no longer listed it began; null while listed.</summary>
        public double? UnlistedAt { get; set; }
        /// <summary>Whether its address answered the last ICMP echo sent since it missed a beat; null when none was.</summary>
        public bool? Reachable { get; set; }
        /// <summary>When that echo was sent.</summary>
        public double? ReachCheckedAt { get; set; }
        /// <summary>
        /// When a beat of it first said it is leaving; null when none did. Sticky: its later silence, or EC2 no longer
        /// listing it, never makes it failed. Only a beat of a later run of its monitor (a reboot, a restart on an
        /// instance that stays) that does not say leaving clears it.
        /// </summary>
        public double? LeavingSince { get; set; }
        public bool Leaving => LeavingSince.HasValue;
    }
}
