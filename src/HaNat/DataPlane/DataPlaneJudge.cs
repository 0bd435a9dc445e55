using System.Globalization;
using HaNat.HostNat;
using HaNat.Model;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Judges a NAT's forwarding path from <see cref="DataPlaneFacts"/>. Pure. One check per way a NAT instance stops
    /// forwarding while EC2 still calls it healthy: forwarding off, the uplink gone, the masquerade rule gone,
    /// FORWARD dropping, the connection table full, and no way out at all.
    /// </summary>
    internal static class DataPlaneJudge
    {
        /// <summary>Above this share of nf_conntrack_max, new flows are about to be dropped.</summary>
        public const double ConntrackLimit = 0.9;

        public static IReadOnlyList<DataPlaneCheck> Judge(DataPlaneFacts facts)
        {
            var cidrs = ParseCidrs(facts.VpcCidrBlocks);
            var (uplinkCheck, uplink) = JudgeUplink(facts);
            var tables = facts.IptablesSave == null ? null : IptablesSave.Split(facts.IptablesSave);
            return new[]
            {
                JudgeIpForward(facts.IpForward),
                uplinkCheck,
                JudgeMasquerade(cidrs, uplink, tables, facts.IptablesError),
                JudgeForward(cidrs, uplink, tables, facts.IptablesError),
                JudgeConntrack(facts.ConntrackCount, facts.ConntrackMax),
                JudgeProbe(facts.Probe, facts.ProbePending),
            };
        }

        public static DataPlaneCheck JudgeIpForward(string? text) => text?.Trim() switch
        {
            "1" => new DataPlaneCheck(DataPlaneCheck.IpForward, true, "net.ipv4.ip_forward=1"),
            null => new DataPlaneCheck(DataPlaneCheck.IpForward, false, "/proc/sys/net/ipv4/ip_forward is unreadable"),
            var value => new DataPlaneCheck(DataPlaneCheck.IpForward, false, $"net.ipv4.ip_forward={value}: the host does not forward"),
        };

        /// <summary>The default route's interface, up, addressed (and the IMDS primary interface when its MAC is known).</summary>
        public static (DataPlaneCheck Check, string? Uplink) JudgeUplink(DataPlaneFacts facts)
        {
            DataPlaneCheck Bad(string detail) => new DataPlaneCheck(DataPlaneCheck.Uplink, false, detail);
            if (facts.RouteTable == null) return (Bad("/proc/net/route is unreadable"), null);
            var route = ProcNetRoute.FindDefault(ProcNetRoute.Parse(facts.RouteTable));
            if (route == null) return (Bad("no IPv4 default route"), null);
            var name = route.InterfaceName;
            if (!facts.Interfaces.TryGetValue(name, out var uplink)) return (Bad($"the default route goes out {name}, which does not exist"), name);
            var mac = facts.ExpectedMac?.Trim().ToLowerInvariant();
            if (!string.IsNullOrEmpty(mac) && uplink.MacAddress != mac)
                return (Bad($"the default route goes out {name} (MAC {uplink.MacAddress ?? "none"}), not the primary interface (MAC {mac})"), name);
            if (!uplink.IsUp) return (Bad($"{name} is not up ({uplink.DescribeState()})"), name);
            var address = IpAddrListing.PrimaryAddress(facts.Addresses, name);
            if (address == null) return (Bad($"{name} has no IPv4 address"), name);
            return (new DataPlaneCheck(DataPlaneCheck.Uplink, true, $"{name} up, {address}"), name);
        }

        public static DataPlaneCheck JudgeMasquerade(IReadOnlyList<Ipv4Cidr> cidrs, string? uplink,
            IReadOnlyDictionary<string, string>? tables, string? iptablesError)
        {
            DataPlaneCheck Bad(string detail) => new DataPlaneCheck(DataPlaneCheck.Masquerade, false, detail);
            if (cidrs.Count == 0) return Bad("the VPC's CIDR blocks are unknown");
            if (tables == null) return Bad("iptables-save failed: " + (iptablesError ?? "no output"));
            if (uplink == null) return Bad("no uplink to masquerade out of");
            var rules = tables.TryGetValue(NatRulePlanner.NatTable, out var nat) ? IptablesRule.ParseListing(nat) : Array.Empty<IptablesRule>();
            var present = new HashSet<string>(rules.Where(r => r.Chain == NatRulePlanner.PostRouting).Select(r => r.Key));
            var missing = cidrs.Where(c => !present.Contains(NatRulePlanner.Masquerade(c, uplink).Key)).ToList();
            return missing.Count == 0
                ? new DataPlaneCheck(DataPlaneCheck.Masquerade, true, $"{string.Join(", ", cidrs)} masqueraded out {uplink}")
                : Bad($"no hanat MASQUERADE rule for {string.Join(", ", missing)} out {uplink}");
        }

        /// <summary>
        /// FORWARD passes the VPC's traffic when nothing drops it before HaNat's ACCEPT rules: its rules are walked in
        /// order; an unconditional DROP/REJECT before both hanat rules of every CIDR is a drop; at the end, the policy
        /// decides unless every hanat rule was seen. Rules that match only some packets, or jump to other chains, are
        /// not second-guessed.
        /// </summary>
        public static DataPlaneCheck JudgeForward(IReadOnlyList<Ipv4Cidr> cidrs, string? uplink,
            IReadOnlyDictionary<string, string>? tables, string? iptablesError)
        {
            DataPlaneCheck Bad(string detail) => new DataPlaneCheck(DataPlaneCheck.Forward, false, detail);
            if (tables == null) return Bad("iptables-save failed: " + (iptablesError ?? "no output"));
            // No filter table at all (nftables backend, nothing loaded): nothing filters.
            if (!tables.TryGetValue(NatRulePlanner.FilterTable, out var filter))
                return new DataPlaneCheck(DataPlaneCheck.Forward, true, "no filter table: nothing filters FORWARD");
            var policy = IptablesRule.ParsePolicy(filter, NatRulePlanner.Forward) ?? "ACCEPT";

            var needed = new HashSet<string>(uplink == null
                ? Enumerable.Empty<string>()
                : cidrs.SelectMany(c => new[] { NatRulePlanner.ForwardOut(c, uplink).Key, NatRulePlanner.ForwardBack(c, uplink).Key }));
            var seen = new HashSet<string>();
            foreach (var rule in IptablesRule.ParseListing(filter).Where(r => r.Chain == NatRulePlanner.Forward))
            {
                if (needed.Contains(rule.Key)) seen.Add(rule.Key);
                var allSeen = needed.Count > 0 && seen.Count == needed.Count;
                if (!allSeen && IsUnconditionalDrop(rule)) return Bad($"FORWARD drops everything at `{rule.Describe()}`");
            }
            if (policy == "ACCEPT") return new DataPlaneCheck(DataPlaneCheck.Forward, true, "FORWARD policy ACCEPT");
            if (needed.Count > 0 && seen.Count == needed.Count)
                return new DataPlaneCheck(DataPlaneCheck.Forward, true, $"FORWARD policy {policy}, hanat ACCEPT rules present");
            return Bad($"FORWARD policy {policy} and the hanat ACCEPT rules are missing");
        }

        private static bool IsUnconditionalDrop(IptablesRule rule) =>
            (rule.Jump == "DROP" || rule.Jump == "REJECT") && rule.Source == null && rule.Destination == null &&
            rule.InInterface == null && rule.OutInterface == null && rule.CtState == null &&
            rule.Other.Split(' ').All(o => o.Length == 0 || o == "--reject-with" || o.StartsWith("icmp", StringComparison.Ordinal));

        public static DataPlaneCheck JudgeConntrack(string? countText, string? maxText)
        {
            if (countText == null || maxText == null)
                return new DataPlaneCheck(DataPlaneCheck.Conntrack, true, "skipped: conntrack is not loaded (no nf_conntrack_count)");
            if (!long.TryParse(countText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
                !long.TryParse(maxText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max <= 0)
                return new DataPlaneCheck(DataPlaneCheck.Conntrack, false, $"unreadable nf_conntrack_count/max ({countText.Trim()}/{maxText.Trim()})");
            var share = (double)count / max;
            var detail = $"{count}/{max} entries ({share.ToString("P0", CultureInfo.InvariantCulture)})";
            return share < ConntrackLimit
                ? new DataPlaneCheck(DataPlaneCheck.Conntrack, true, detail)
                : new DataPlaneCheck(DataPlaneCheck.Conntrack, false, detail + $": at or above {ConntrackLimit.ToString("P0", CultureInfo.InvariantCulture)}, new flows are about to be dropped");
        }

        public static DataPlaneCheck JudgeProbe(ProbeOutcome? probe, string? pending)
        {
            if (probe == null)
            {
                return pending == null
                    ? new DataPlaneCheck(DataPlaneCheck.EgressProbe, true, "skipped: no -ProbeTarget")
                    : new DataPlaneCheck(DataPlaneCheck.EgressProbe, true, $"skipped: the first probe of {pending} has not finished");
            }
            return new DataPlaneCheck(DataPlaneCheck.EgressProbe, probe.Reached,
                $"{probe.Target}: {probe.Detail} ({probe.Milliseconds} ms)");
        }

        private static IReadOnlyList<Ipv4Cidr> ParseCidrs(IReadOnlyList<string> blocks) =>
            (blocks ?? Array.Empty<string>()).Select(b => Ipv4Cidr.TryParse(b, out var c) ? c : null).Where(c => c != null).Select(c => c!).Distinct().ToList();
    }
}
