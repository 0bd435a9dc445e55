using System.Runtime.InteropServices;

namespace HaNat.HostNat
{
    /// <summary>
    /// Carries out <see cref="ZoneHostPlanner"/>'s plans on this Linux host: reads the uplink (the interface with the
    /// default route whose MAC IMDS names, as the host set-up does), its addresses and the nat table, plans, then runs
    /// ip and iptables. A hold that fails half-way undoes the steps it made and throws.
    /// </summary>
    internal sealed class ZoneAddressHost
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
        private readonly string? _macAddress;
        private readonly Action<string> _log;
        private readonly CommandRunner _runner = new CommandRunner(CommandTimeout);

        public ZoneAddressHost(string? macAddress, Action<string> log)
        {
            _macAddress = macAddress;
            _log = log;
        }

        /// <summary>The zone-address rules on the host now (a restart finds what a previous run held).</summary>
        public IReadOnlyList<ZoneSnatRule.HeldRule> Held() => ZoneSnatRule.Parse(Iptables().List(NatRulePlanner.NatTable, NatRulePlanner.PostRouting));

        /// <summary>Puts <paramref name="address"/> on the uplink and translates the zone's subnets to it; returns what it changed.</summary>
        public IReadOnlyList<ZoneHostStep> Hold(string zone, string address, IReadOnlyList<string> sourceCidrs)
        {
            var (iptables, uplink, addresses, listing) = Read();
            var sources = sourceCidrs.Select(c => Ipv4Cidr.TryParse(c, out var cidr) ? cidr! : throw HostNatErrors.BadCidr(sourceCidrs)).ToList();
            var steps = ZoneHostPlanner.PlanHold(zone, address, sources, uplink, listing, addresses);
            var done = new List<ZoneHostStep>();
            try
            {
                foreach (var step in steps)
                {
                    Run(iptables, step);
                    done.Add(step);
                }
            }
            catch
            {
                Undo(iptables, done);
                throw;
            }
            return done;
        }

        /// <summary>Removes the zone's rules and <paramref name="address"/> from the uplink; returns what it changed.</summary>
        public IReadOnlyList<ZoneHostStep> Release(string zone, string? address)
        {
            var (iptables, uplink, addresses, listing) = Read();
            var steps = ZoneHostPlanner.PlanRelease(zone, address, uplink, listing, addresses);
            foreach (var step in steps) Run(iptables, step);
            return steps;
        }

        /// <summary>Undoes steps a hold made, last first; a step that cannot be undone is logged, the rest still are.</summary>
        public void Undo(IReadOnlyList<ZoneHostStep> done) => Undo(Iptables(), done);

        private void Undo(Iptables iptables, IReadOnlyList<ZoneHostStep> done)
        {
            foreach (var step in done.Reverse())
            {
                var undo = ZoneHostPlanner.Undo(step);
                if (undo == null) continue;
                try { Run(iptables, undo); }
                catch (HaNatException ex) { _log($"host: could not undo {step.Describe()}: {ex.Message}"); }
            }
        }

        private (Iptables, string, IReadOnlyList<InterfaceAddress>, string) Read()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) throw HostNatErrors.NotLinuxHost(RuntimeInformation.OSDescription);
            var iptables = Iptables();
            var routes = ProcNetRoute.Parse(SysClassNet.ReadText("/proc/net/route") ?? "");
            var uplink = UplinkSelector.Select(routes, SysClassNet.ReadAll(), _macAddress).Name;
            var result = _runner.Run(IpTool(), new[] { "-o", "-4", "addr", "show", "dev", uplink });
            if (!result.Succeeded) throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, result);
            return (iptables, uplink, IpAddrListing.Parse(result.StandardOutput), iptables.List(NatRulePlanner.NatTable, NatRulePlanner.PostRouting));
        }

        private void Run(Iptables iptables, ZoneHostStep step)
        {
            switch (step.Kind)
            {
                case ZoneHostStepKind.InsertRule: iptables.Insert(NatRulePlanner.NatTable, step.Rule!); break;
                case ZoneHostStepKind.DeleteRule: iptables.Delete(NatRulePlanner.NatTable, step.Rule!); break;
                default:
                    var verb = step.Kind == ZoneHostStepKind.AddAddress ? "add" : "del";
                    var result = _runner.Run(IpTool(), new[] { "addr", verb, step.Address + "/32", "dev", step.Interface });
                    _log($"host: {result.CommandLine} (exit {result.ExitCode})");
                    if (!result.Succeeded) throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, result);
                    break;
            }
        }

        private Iptables Iptables() => HostNat.Iptables.Locate(_runner, _log);

        private static string IpTool() => ToolLocator.Find("ip")
            ?? throw HostNatErrors.ToolMissing(HostNatErrors.NetworkToolMissing, "ip", "Debian/Ubuntu: apt-get install iproute2; Amazon Linux: dnf install iproute");
    }
}
