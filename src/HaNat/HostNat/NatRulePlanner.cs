namespace HaNat.HostNat
{
    /// <summary>
    /// Plans the iptables writes that make the host masquerade and forward the VPC's traffic out of the uplink, from
    /// what `iptables -S` lists now. Pure. HaNat owns exactly the rules commented "hanat": it adds those missing,
    /// removes duplicates, and removes its own rules that no longer fit (another interface after a rename, a CIDR
    /// the VPC no longer has), and never touches a rule it did not write.
    /// </summary>
    internal static class NatRulePlanner
    {
        public const string NatTable = "nat";
        public const string FilterTable = "filter";
        public const string PostRouting = "POSTROUTING";
        public const string Forward = "FORWARD";

        public static IptablesRule Masquerade(Ipv4Cidr cidr, string uplink) =>
            IptablesRule.Create(PostRouting, "-s", cidr.ToString(), "-o", uplink,
                "-m", "comment", "--comment", IptablesRule.HaNatComment, "-j", "MASQUERADE");

        public static IptablesRule ForwardOut(Ipv4Cidr cidr, string uplink) =>
            IptablesRule.Create(Forward, "-s", cidr.ToString(), "-o", uplink,
                "-m", "comment", "--comment", IptablesRule.HaNatComment, "-j", "ACCEPT");

        public static IptablesRule ForwardBack(Ipv4Cidr cidr, string uplink) =>
            IptablesRule.Create(Forward, "-d", cidr.ToString(), "-i", uplink, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED",
                "-m", "comment", "--comment", IptablesRule.HaNatComment, "-j", "ACCEPT");

        /// <param name="cidrs">The VPC's IPv4 CIDR blocks.</param>
        /// <param name="uplink">The interface <see cref="UplinkSelector"/> chose.</param>
        /// <param name="natPostRouting">`iptables -t nat -S POSTROUTING`.</param>
        /// <param name="filterForward">`iptables -t filter -S FORWARD`.</param>
        public static IReadOnlyList<FirewallChange> Plan(IReadOnlyList<Ipv4Cidr> cidrs, string uplink, string natPostRouting, string filterForward)
        {
            var distinct = cidrs.Distinct().ToList();
            var changes = new List<FirewallChange>();

            // Forwarding is allowed first, so that once masquerade is in place nothing is dropped on the way.
            // The FORWARD rules are needed only when the chain would otherwise drop (policy DROP, e.g. Docker's);
            // with policy ACCEPT HaNat adds nothing there, but still clears its own stale rules.
            var policy = IptablesRule.ParsePolicy(filterForward, Forward);
            var forwardNeeded = policy != null && policy != "ACCEPT";
            var forward = distinct.SelectMany(c => new[]
            {
                (ForwardOut(c, uplink), $"allowed FORWARD from {c} out {uplink} (FORWARD policy is {policy})"),
                (ForwardBack(c, uplink), $"allowed FORWARD of replies to {c} in {uplink} (FORWARD policy is {policy})"),
            }).ToList();
            changes.AddRange(PlanChain(FilterTable, forward, IptablesRule.ParseListing(filterForward), Forward, addMissing: forwardNeeded));

            var masquerade = distinct.Select(c => (Masquerade(c, uplink), $"added masquerade of {c} out {uplink}")).ToList();
            changes.AddRange(PlanChain(NatTable, masquerade, IptablesRule.ParseListing(natPostRouting), PostRouting, addMissing: true));
            return changes;
        }

        private static IEnumerable<FirewallChange> PlanChain(string table, IReadOnlyList<(IptablesRule Rule, string Description)> desired,
            IReadOnlyList<IptablesRule> listed, string chain, bool addMissing)
        {
            var ours = listed.Where(r => r.Chain == chain && r.IsHaNat).ToList();
            var wanted = new HashSet<string>(desired.Select(d => d.Rule.Key));

            foreach (var (rule, description) in desired)
            {
                var present = ours.Count(r => r.Key == rule.Key);
                if (present == 0 && addMissing) yield return new FirewallChange(FirewallChangeKind.Add, table, rule, description);
                // -D removes the first match, so one delete per extra copy leaves exactly one.
                for (var extra = 1; extra < present; extra++)
                {
                    yield return new FirewallChange(FirewallChangeKind.Delete, table, rule, $"removed duplicate rule {rule.Describe()}");
                }
            }
            foreach (var stale in ours.Where(r => !wanted.Contains(r.Key)))
            {
                yield return new FirewallChange(FirewallChangeKind.Delete, table, stale, $"removed stale rule {stale.Describe()}");
            }
        }
    }
}
