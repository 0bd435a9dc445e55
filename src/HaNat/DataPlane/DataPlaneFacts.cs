using HaNat.HostNat;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Everything the self-check judges, as read from the host: raw kernel text and command output, so that the
    /// judging (<see cref="DataPlaneJudge"/>) is pure and the reading (<see cref="DataPlaneReader"/>) is thin.
    /// A null text means "could not be read".
    /// </summary>
    internal sealed class DataPlaneFacts
    {
        public DataPlaneFacts(IReadOnlyList<string> vpcCidrBlocks)
        {
            VpcCidrBlocks = vpcCidrBlocks;
        }

        public IReadOnlyList<string> VpcCidrBlocks { get; }
        /// <summary>The primary interface's MAC from IMDS; null skips the cross-check.</summary>
        public string? ExpectedMac { get; set; }
        /// <summary>/proc/sys/net/ipv4/ip_forward.</summary>
        public string? IpForward { get; set; }
        /// <summary>/proc/net/route.</summary>
        public string? RouteTable { get; set; }
        /// <summary>/sys/class/net facts of the interface that carries the default route (and any others read).</summary>
        public IReadOnlyDictionary<string, InterfaceFacts> Interfaces { get; set; } = new Dictionary<string, InterfaceFacts>();
        /// <summary>IPv4 addresses of those interfaces.</summary>
        public IReadOnlyList<InterfaceAddress> Addresses { get; set; } = Array.Empty<InterfaceAddress>();
        /// <summary>iptables-save output (every table), or null when it failed.</summary>
        public string? IptablesSave { get; set; }
        /// <summary>Why iptables-save gave nothing, when it did not.</summary>
        public string? IptablesError { get; set; }
        /// <summary>/proc/sys/net/netfilter/nf_conntrack_count and _max; null when conntrack is not loaded.</summary>
        public string? ConntrackCount { get; set; }
        public string? ConntrackMax { get; set; }
        /// <summary>The last completed egress probe; null when no target is configured.</summary>
        public ProbeOutcome? Probe { get; set; }
        /// <summary>The probe target when one is configured but no probe has completed yet.</summary>
        public string? ProbePending { get; set; }
    }
}
