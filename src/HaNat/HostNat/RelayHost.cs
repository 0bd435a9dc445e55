using System.Runtime.InteropServices;

namespace HaNat.HostNat
{
    /// <summary>
    /// Carries out <see cref="RelayPlanner"/>'s plans on this Linux host: reads the three chains and the ip rules, finds
    /// the interface that reaches the previous NAT (`ip -o route get`), then runs iptables and ip. A start that fails
    /// half-way ends what it made and throws; an end goes on past a step that fails and says which. A start turns ICMP
    /// redirects off on the relay's interface (<see cref="SysctlPlanner.PlanNoRedirects"/>) and leaves them off: a NAT
    /// sends none anywhere.
    /// </summary>
    internal sealed class RelayHost
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
        private readonly Action<string> _log;
        private readonly CommandRunner _runner = new CommandRunner(CommandTimeout);

        public RelayHost(Action<string> log) => _log = log;

        public static bool Supported => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>The relays on the host now: zone → previous NAT's address.</summary>
        public IReadOnlyDictionary<string, string> Relays() => RelayPlanner.Relays(Read(Iptables()));

        /// <summary>Starts relaying the zone's subnets to <paramref name="via"/>; returns the device used.</summary>
        public string Start(string zone, string via, IReadOnlyList<string> sourceCidrs)
        {
            var iptables = Iptables();
            var sources = sourceCidrs.Select(c => Ipv4Cidr.TryParse(c, out var cidr) ? cidr! : throw HostNatErrors.BadCidr(sourceCidrs)).ToList();
            var device = DeviceTo(via);
            var steps = RelayPlanner.PlanStart(zone, via, sources, device, Read(iptables))
                ?? throw new HaNatException("RelaySlotsFull", HaNatErrorKind.InvalidOperation,
                    $"This NAT already relays {RelayPlanner.MaxSlots} zones; remove stale hanat-relay rules (Start-HaNatMonitor removes them at its start).");
            // Before any packet is relayed: no ICMP redirect may send the zone's hosts to the previous NAT directly.
            foreach (var write in SysctlPlanner.PlanNoRedirects(device, key => SysClassNet.ReadText(SysctlPlanner.PathOf(key, device))))
                HostNatConfigurator.Write(write, device, _log);
            try
            {
                foreach (var step in steps) Run(iptables, step);
            }
            catch
            {
                End(zone);
                throw;
            }
            return device;
        }

        /// <summary>Ends the zone's relay (null: every relay); returns the number of changes and the steps that failed.</summary>
        public (int Changes, IReadOnlyList<string> Failed) End(string? zone)
        {
            var iptables = Iptables();
            var steps = RelayPlanner.PlanEnd(zone, Read(iptables));
            var failed = new List<string>();
            foreach (var step in steps)
            {
                try { Run(iptables, step); }
                catch (HaNatException ex) { failed.Add($"{step.Describe()}: {ex.Message}"); }
            }
            return (steps.Count, failed);
        }

        private RelayHostState Read(Iptables iptables)
        {
            var rules = _runner.Run(IpTool(), new[] { "-o", "-4", "rule", "show" });
            if (!rules.Succeeded) throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, rules);
            return new RelayHostState(iptables.List(RelayPlanner.Mangle, RelayPlanner.PreRouting), iptables.List(NatRulePlanner.NatTable, NatRulePlanner.PostRouting),
                iptables.List(RelayPlanner.Filter, NatRulePlanner.Forward), rules.StandardOutput);
        }

        /// <summary>The interface the kernel would send a packet to <paramref name="via"/> out of (`ip -o route get` … dev X).</summary>
        private string DeviceTo(string via)
        {
            var result = _runner.Run(IpTool(), new[] { "-o", "-4", "route", "get", via });
            if (!result.Succeeded) throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, result);
            var route = RelayRoute.Parse(result.StandardOutput);
            if (route.Device == null)
                throw new HaNatException("RelayNoRoute", HaNatErrorKind.ObjectNotFound, $"This host has no route to the previous NAT {via}: `{result.CommandLine}` named no device.");
            if (route.Gateway != null)
                throw new HaNatException(RelayRoute.NotOnLinkErrorId, HaNatErrorKind.InvalidOperation,
                    $"The previous NAT {via} is not on this NAT's link (the kernel reaches it via {route.Gateway}): a VPC router forwards by destination, so a packet for the internet sent towards it would never reach it. Relaying across subnets needs a tunnel, which HaNat does not build.");
            return route.Device;
        }

        private void Run(Iptables iptables, RelayStep step)
        {
            switch (step.Kind)
            {
                case RelayStepKind.InsertRule: iptables.Insert(step.Table!, step.Rule!); break;
                case RelayStepKind.DeleteRule: iptables.Delete(step.Table!, step.Rule!); break;
                case RelayStepKind.FlushConntrack:
                    var deleted = ConntrackFlush.DeleteByMark(step.Mark, RelayPlanner.MarkMask);
                    _log($"host: {step.Describe()} ({(deleted ? "entries deleted" : "none")})");
                    break;
                default:
                    var result = _runner.Run(IpTool(), step.IpArguments!);
                    _log($"host: {result.CommandLine} (exit {result.ExitCode})");
                    // Flushing a table that is already empty is no failure.
                    if (!result.Succeeded && step.IpArguments![1] != "flush") throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, result);
                    break;
            }
        }

        private Iptables Iptables()
        {
            if (!Supported) throw HostNatErrors.NotLinuxHost(RuntimeInformation.OSDescription);
            return HostNat.Iptables.Locate(_runner, _log);
        }

        private static string IpTool() => ToolLocator.Find("ip")
            ?? throw HostNatErrors.ToolMissing(HostNatErrors.NetworkToolMissing, "ip", "Debian/Ubuntu: apt-get install iproute2; Amazon Linux: dnf install iproute");
    }
}
