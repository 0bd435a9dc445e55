using HaNat.HostNat;

namespace HaNat.DataPlane
{
    /// <summary>
    /// The monitor's data-plane read, once per beat, that costs next to nothing while nothing changes. The kernel
    /// files (forwarding, routes, the uplink's state and carrier, conntrack) are read every beat: they are cheap. The
    /// costly two are reused until the kernel announces a change (<see cref="RereadCadence"/>): the ruleset (an
    /// iptables-save process) until nftables notifies a rule, chain or policy change, and the uplink's addresses until
    /// rtnetlink notifies an address or link change. A change is thus seen at the next beat, as when everything was
    /// read every beat. Where a notification cannot come (legacy iptables, no netlink socket), that read is made every
    /// beat, as before.
    /// </summary>
    internal sealed class DataPlaneWatch : IDisposable
    {
        private readonly DataPlaneReader _reader;
        private readonly NetlinkChangeWatch? _rules;
        private readonly NetlinkChangeWatch? _links;
        private readonly double _safetySeconds;
        private (string? Save, string? Error) _ruleset;
        private double? _rulesetAt;
        private IReadOnlyList<InterfaceAddress> _addresses = Array.Empty<InterfaceAddress>();
        private string? _addressesOf;
        private double? _addressesAt;

        public DataPlaneWatch(double safetySeconds = RereadCadence.SafetySeconds)
            : this(new DataPlaneReader(), safetySeconds)
        {
        }

        private DataPlaneWatch(DataPlaneReader reader, double safetySeconds)
        {
            _reader = reader;
            _safetySeconds = safetySeconds;
            // Legacy iptables (x_tables) announces nothing: its ruleset is read every beat.
            _rules = reader.IptablesIsNft() ? NetlinkChangeWatch.TryOpen(NetlinkChangeWatch.NetlinkNetfilter, NetlinkChangeWatch.NftablesGroup) : null;
            _links = NetlinkChangeWatch.TryOpen(NetlinkChangeWatch.NetlinkRoute, NetlinkChangeWatch.LinkGroup, NetlinkChangeWatch.Ipv4AddressGroup);
        }

        /// <summary>How the ruleset is read: "on-change" (nftables notifies) or "every-beat".</summary>
        public string RulesetReads => _rules != null ? "on-change" : "every-beat";

        /// <summary>How many times the ruleset was read (an iptables-save process each).</summary>
        public int RulesetReadCount { get; private set; }

        public DataPlaneFacts Read(IReadOnlyList<string> vpcCidrBlocks, string? expectedMac, double now)
        {
            // Changes are taken before the reads: one announced during a read is read again at the next beat.
            var rulesChanged = _rules?.TakeChanged() ?? true;
            var linksChanged = _links?.TakeChanged() ?? true;

            var facts = _reader.ReadKernel(vpcCidrBlocks, expectedMac, out var uplink);
            if (uplink != null)
            {
                if (RereadCadence.ReadNow(_links != null, linksChanged, _addressesAt, _addresses.Count == 0, now, _safetySeconds, uplink == _addressesOf))
                {
                    _addresses = DataPlaneReader.AddressesOf(uplink);
                    _addressesOf = uplink;
                    _addressesAt = now;
                }
                facts.Addresses = _addresses;
            }
            if (RereadCadence.ReadNow(_rules != null, rulesChanged, _rulesetAt, _ruleset.Save == null, now, _safetySeconds))
            {
                _ruleset = _reader.ReadRuleset();
                _rulesetAt = now;
                RulesetReadCount++;
            }
            (facts.IptablesSave, facts.IptablesError) = _ruleset;
            return facts;
        }

        public void Dispose()
        {
            _rules?.Dispose();
            _links?.Dispose();
        }
    }
}
