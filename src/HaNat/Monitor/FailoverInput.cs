using System;
using System.Collections.Generic;

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
        /// <summary>Whether its address answered the last ICMP echo sent since it missed a beat; null when none was.</summary>
        public bool? Reachable { get; set; }
        /// <summary>When that echo was sent.</summary>
        public double? ReachCheckedAt { get; set; }
    }

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
    }

    /// <summary>A takeover this NAT started.</summary>
    internal sealed class TakeoverRecord
    {
        public TakeoverRecord(string zone, string failedInstanceId, double at)
        {
            Zone = zone;
            FailedInstanceId = failedInstanceId;
            At = at;
        }

        public string Zone { get; }
        public string FailedInstanceId { get; }
        public double At { get; }
    }

    /// <summary>Everything one decision looks at. The policy reads it and changes nothing.</summary>
    internal sealed class FailoverInput
    {
        public FailoverInput(double now, SelfView self, IReadOnlyList<PeerView> peers)
        {
            Now = now;
            Self = self;
            Peers = peers;
        }

        public double Now { get; }
        public SelfView Self { get; }
        public IReadOnlyList<PeerView> Peers { get; }
        /// <summary>Zone → the instance all its private default routes point at (null: mixed, none, or not an instance). Zones absent are unknown.</summary>
        public IReadOnlyDictionary<string, string?> RouteOwners { get; set; } = new Dictionary<string, string?>();
        /// <summary>When <see cref="RouteOwners"/> was read from EC2; null never.</summary>
        public double? RoutesReadAt { get; set; }
        public IReadOnlyList<TakeoverRecord> Takeovers { get; set; } = Array.Empty<TakeoverRecord>();
        /// <summary>Zones whose takeover by this NAT is still running.</summary>
        public IReadOnlyCollection<string> InFlight { get; set; } = Array.Empty<string>();
        /// <summary>Zones this NAT's own takeovers pointed at itself, not contradicted by a route read made since.</summary>
        public IReadOnlyCollection<string> TakenHere { get; set; } = Array.Empty<string>();
        /// <summary>Instances this NAT already marked Unhealthy (or tried to).</summary>
        public IReadOnlyCollection<string> Marked { get; set; } = Array.Empty<string>();
    }
}
