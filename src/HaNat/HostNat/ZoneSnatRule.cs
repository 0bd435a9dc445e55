namespace HaNat.HostNat
{
    /// <summary>
    /// The rule that sends a failed zone's traffic out from that zone's own Elastic IP while this NAT carries it: SNAT
    /// of one of the zone's served subnets to the secondary private IP the zone's address is associated with. Its
    /// comment (hanat-zone-address:ZONE) names the zone, so that a later run finds what it holds from the host alone,
    /// and is not the "hanat" of the masquerade rules, which <see cref="NatRulePlanner"/> owns and would remove as stale.
    /// </summary>
    internal static class ZoneSnatRule
    {
        public const string CommentPrefix = "hanat-zone-address:";

        public static IptablesRule Create(string zone, Ipv4Cidr source, string uplink, string toSource) =>
            IptablesRule.Create(NatRulePlanner.PostRouting, "-s", source.ToString(), "-o", uplink,
                "-m", "comment", "--comment", CommentPrefix + zone, "-j", "SNAT", "--to-source", toSource);

        /// <summary>The zone-address rules of a `iptables -t nat -S POSTROUTING` listing, with the zone and address each names.</summary>
        public static IReadOnlyList<HeldRule> Parse(string natPostRouting)
        {
            var held = new List<HeldRule>();
            foreach (var rule in IptablesRule.ParseListing(natPostRouting))
            {
                if (rule.Chain != NatRulePlanner.PostRouting || rule.Comment == null || !rule.Comment.StartsWith(CommentPrefix, StringComparison.Ordinal)) continue;
                var zone = rule.Comment.Substring(CommentPrefix.Length);
                var words = rule.Other.Split(' ');
                var at = Array.IndexOf(words, "--to-source");
                var address = at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
                held.Add(new HeldRule(zone, address, rule));
            }
            return held;
        }

        /// <summary>One zone-address rule on the host: the zone it names, the address it translates to (null: unreadable).</summary>
        internal sealed record HeldRule(string Zone, string? Address, IptablesRule Rule);
    }
}
