using System.Globalization;

namespace HaNat.HostNat
{
    /// <summary>
    /// Plans, with no I/O, a connection relay: while the NAT that served a zone before this one is still alive and
    /// forwarding (it hands its zone over and drains), the TCP connections of the zone's subnets that this NAT never saw
    /// open (their first packet here is not a SYN, so they were opened through the other NAT, whose conntrack holds their
    /// translation) are sent on, untranslated, to that NAT, which translates them as before; their replies go back
    /// through it straight to the client. Connections that start here are translated here as usual. So a connection
    /// finishes where it started, and a planned move resets none.
    ///
    /// On the host, each relay has a slot (0..<see cref="MaxSlots"/> − 1) that gives it a mark (bits of
    /// <see cref="MarkMask"/> only, so other marks are kept), a routing table and an ip rule preference
    /// (<see cref="FirstTable"/> + slot):
    /// - mangle PREROUTING: per zone subnet, a TCP packet that is not a SYN and opens a connection in this NAT's conntrack
    ///   (ctstate NEW: Linux picks such a connection up mid-stream, nf_conntrack_tcp_loose=1, its default) gets the
    ///   connection marked; then every packet of a marked connection gets the mark;
    /// - `ip rule fwmark MARK/MASK lookup TABLE`, and in that table the default route via the previous NAT's private IP,
    ///   onlink, out the interface that reaches it;
    /// - nat POSTROUTING and filter FORWARD: a marked connection is accepted before HaNat's masquerade and zone-address
    ///   SNAT (it must leave untranslated) and before a FORWARD policy that would drop it.
    /// (ICMP redirects, which a NAT forwarding back out the interface a packet came in on would send, are off:
    /// <see cref="SysctlPlanner"/>.) Every rule carries the comment hanat-relay:ZONE:VIA, so that a later run finds and
    /// removes it from the host alone, and no rule of anyone else is ever touched.
    /// </summary>
    internal static class RelayPlanner
    {
        public const string CommentPrefix = "hanat-relay:";
        public const string Mangle = "mangle";
        public const string Filter = "filter";
        public const string PreRouting = "PREROUTING";
        public const int MaxSlots = 15;
        public const int FirstTable = 4840;
        public const uint MarkMask = 0x00f00000;

        public static uint Mark(int slot) => (uint)(slot + 1) << 20;

        public static string MarkText(int slot) => "0x" + Mark(slot).ToString("x", CultureInfo.InvariantCulture) + "/0x" + MarkMask.ToString("x", CultureInfo.InvariantCulture);

        public static string TableOf(int slot) => (FirstTable + slot).ToString(CultureInfo.InvariantCulture);

        public static string Comment(string zone, string via) => CommentPrefix + zone + ":" + via;

        /// <summary>
        /// Starting a relay of the zone's subnets to <paramref name="via"/> out <paramref name="device"/>: a relay of the
        /// same zone already on the host is ended first (a new takeover replaces it). Null when every slot is taken.
        /// The routing table and its rule come first, the marks last, so no packet is marked before its route exists.
        /// </summary>
        public static IReadOnlyList<RelayStep>? PlanStart(string zone, string via, IReadOnlyList<Ipv4Cidr> sources, string device, RelayHostState host)
        {
            var steps = PlanEnd(zone, host).ToList();
            var held = Held(host);
            var ending = new HashSet<int>(held.Where(h => h.Zone == zone && h.Slot.HasValue).Select(h => h.Slot!.Value));
            var used = new HashSet<int>(held.Where(h => h.Zone != zone && h.Slot.HasValue).Select(h => h.Slot!.Value)
                .Concat(HeldIpRules(host.IpRules).Where(s => !ending.Contains(s))));
            var slot = Enumerable.Range(0, MaxSlots).Where(s => !used.Contains(s)).Select(s => (int?)s).FirstOrDefault();
            if (slot == null) return null;
            var mark = MarkText(slot.Value);
            var table = TableOf(slot.Value);
            var comment = Comment(zone, via);
            steps.Add(RelayStep.Ip("route", "replace", "default", "via", via, "dev", device, "onlink", "table", table));
            steps.Add(RelayStep.Ip("rule", "add", "fwmark", mark, "lookup", table, "pref", table));
            steps.Add(RelayStep.Insert(Filter, IptablesRule.Create(NatRulePlanner.Forward, "-m", "connmark", "--mark", mark, "-m", "comment", "--comment", comment, "-j", "ACCEPT")));
            steps.Add(RelayStep.Insert(NatRulePlanner.NatTable, IptablesRule.Create(NatRulePlanner.PostRouting, "-m", "connmark", "--mark", mark, "-m", "comment", "--comment", comment, "-j", "ACCEPT")));
            // Each inserted at the top: the mark rule first, so that it ends after the connection-mark rules it reads.
            steps.Add(RelayStep.Insert(Mangle, IptablesRule.Create(PreRouting, "-m", "connmark", "--mark", mark, "-m", "comment", "--comment", comment, "-j", "MARK", "--set-xmark", mark)));
            foreach (var source in Enumerable.Reverse(sources.Distinct().ToList()))
            {
                steps.Add(RelayStep.Insert(Mangle, IptablesRule.Create(PreRouting, "-s", source.ToString(), "-p", "tcp", "!", "--syn", "-m", "conntrack", "--ctstate", "NEW",
                    "-m", "comment", "--comment", comment, "-j", "CONNMARK", "--set-xmark", mark)));
            }
            return steps;
        }

        /// <summary>
        /// Ending the zone's relay (<paramref name="zone"/> null: every relay on the host, as at a monitor's start or
        /// exit). The marks go first (no packet is sent to a route about to go), then the accepts, the ip rules and the
        /// tables, and last the relay's conntrack entries: a relayed connection was never translated here, and its entry
        /// outlives the relay (minutes, as this NAT never sees its replies); a new connection that happens to reuse its
        /// ports would be taken for it (a SYN on an open entry is not a new connection to conntrack), carry its mark to
        /// the next relay of the slot, and leave untranslated. A relayed connection that is still open is translated
        /// here from then on: it is lost, as it would be anyway once the previous NAT is gone.
        /// </summary>
        public static IReadOnlyList<RelayStep> PlanEnd(string? zone, RelayHostState host)
        {
            var held = Held(host).Where(h => zone == null || h.Zone == zone).ToList();
            var steps = new List<RelayStep>();
            foreach (var table in new[] { Mangle, NatRulePlanner.NatTable, Filter })
                steps.AddRange(held.Where(h => h.Table == table).Select(h => RelayStep.Delete(table, h.Rule)));
            var slots = new SortedSet<int>(held.Where(h => h.Slot.HasValue).Select(h => h.Slot!.Value));
            if (zone == null) slots.UnionWith(HeldIpRules(host.IpRules));
            var ruled = new HashSet<int>(HeldIpRules(host.IpRules));
            foreach (var slot in slots.Where(ruled.Contains)) steps.Add(RelayStep.Ip("rule", "del", "pref", TableOf(slot)));
            foreach (var slot in slots) steps.Add(RelayStep.Ip("route", "flush", "table", TableOf(slot)));
            foreach (var slot in slots) steps.Add(RelayStep.FlushConntrack(Mark(slot)));
            return steps;
        }

        /// <summary>The relays on the host: zone → the address it relays to (from the rules' comments).</summary>
        public static IReadOnlyDictionary<string, string> Relays(RelayHostState host)
        {
            var relays = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var rule in Held(host)) relays[rule.Zone] = rule.Via;
            return relays;
        }

        /// <summary>Every relay rule of the three listings, with its zone, the previous NAT it relays to, and its slot.</summary>
        public static IReadOnlyList<HeldRelayRule> Held(RelayHostState host)
        {
            var held = new List<HeldRelayRule>();
            foreach (var (table, listing) in new[] { (Mangle, host.ManglePreRouting), (NatRulePlanner.NatTable, host.NatPostRouting), (Filter, host.FilterForward) })
            {
                foreach (var rule in IptablesRule.ParseListing(listing))
                {
                    if (rule.Comment == null || !rule.Comment.StartsWith(CommentPrefix, StringComparison.Ordinal)) continue;
                    var rest = rule.Comment.Substring(CommentPrefix.Length);
                    var colon = rest.LastIndexOf(':');
                    var zone = colon > 0 ? rest.Substring(0, colon) : rest;
                    var via = colon > 0 ? rest.Substring(colon + 1) : "";
                    held.Add(new HeldRelayRule(table, zone, via, SlotOf(rule.Other), rule));
                }
            }
            return held;
        }

        /// <summary>The slots of HaNat's relay rules in `ip -o -4 rule show`: preference and table in HaNat's range, fwmark in its mask.</summary>
        public static IReadOnlyList<int> HeldIpRules(string ipRules)
        {
            var slots = new List<int>();
            foreach (var line in (ipRules ?? "").Split('\n'))
            {
                var words = line.Replace("\t", " ").Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || !int.TryParse(words[0].TrimEnd(':'), NumberStyles.None, CultureInfo.InvariantCulture, out var pref)) continue;
                var slot = pref - FirstTable;
                if (slot < 0 || slot >= MaxSlots) continue;
                var lookup = Array.IndexOf(words, "lookup");
                var fwmark = Array.IndexOf(words, "fwmark");
                if (lookup < 0 || lookup + 1 >= words.Length || words[lookup + 1] != TableOf(slot)) continue;
                if (fwmark < 0 || fwmark + 1 >= words.Length || SlotOf("--mark " + words[fwmark + 1]) != slot) continue;
                slots.Add(slot);
            }
            return slots;
        }

        /// <summary>The slot of a mark written "0xM/0xf00000" in a rule's options; null when none is HaNat's.</summary>
        private static int? SlotOf(string options)
        {
            foreach (var word in options.Split(' '))
            {
                var parts = word.Split('/');
                if (parts.Length != 2 || !Hex(parts[0], out var value) || !Hex(parts[1], out var mask) || mask != MarkMask) continue;
                var slot = (int)(value >> 20) - 1;
                if ((value & ~MarkMask) == 0 && slot >= 0 && slot < MaxSlots) return slot;
            }
            return null;
        }

        private static bool Hex(string text, out uint value)
        {
            value = 0;
            return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
                uint.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>What the relay planner reads from the host: `iptables -S` of three chains and `ip -o -4 rule show`.</summary>
    internal sealed record RelayHostState(string ManglePreRouting, string NatPostRouting, string FilterForward, string IpRules);

    /// <summary>One relay rule on the host.</summary>
    internal sealed record HeldRelayRule(string Table, string Zone, string Via, int? Slot, IptablesRule Rule);
}
