using System.IO;
using System.Runtime.InteropServices;

namespace HaNat.HostNat
{
    /// <summary>
    /// Turns this Linux host into a NAT for the VPC: ICMP redirects off, FORWARD open for the VPC when its policy
    /// drops, one MASQUERADE rule per VPC CIDR out of the uplink, IPv4 forwarding on. Idempotent: a second run
    /// changes nothing and reports no change. Everything is checked before anything is changed, so a refusal
    /// (no default route, wrong or down interface, no address, no iptables) leaves the host as it was.
    /// </summary>
    internal static class HostNatConfigurator
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

        public static HostNatReport Configure(HostNatRequest request, Action<string> log)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) throw HostNatErrors.NotLinuxHost(RuntimeInformation.OSDescription);
            var cidrs = ParseCidrs(request.VpcCidrBlocks);
            var runner = new CommandRunner(CommandTimeout);
            var iptables = Iptables.Locate(runner, log);

            // Which interface, and is it fit to carry the VPC's traffic?
            log("host: reading /proc/net/route and /sys/class/net");
            var routes = ProcNetRoute.Parse(SysClassNet.ReadText("/proc/net/route") ?? "");
            var uplink = UplinkSelector.Select(routes, SysClassNet.ReadAll(), request.MacAddress);
            var address = UplinkSelector.RequireAddress(uplink, IpAddrListing.Parse(ListAddresses(runner, uplink.Name, log)));

            // What is missing?
            var firewall = NatRulePlanner.Plan(cidrs, uplink.Name,
                iptables.List(NatRulePlanner.NatTable, NatRulePlanner.PostRouting),
                iptables.List(NatRulePlanner.FilterTable, NatRulePlanner.Forward));
            var sysctls = SysctlPlanner.Plan(uplink.Name, key => SysClassNet.ReadText(SysctlPlanner.PathOf(key, uplink.Name)));

            var changes = new List<string>();
            foreach (var change in firewall)
            {
                if (Apply(iptables, change)) changes.Add(change.Description);
            }
            foreach (var write in sysctls)
            {
                Write(write, uplink.Name, log);
                changes.Add(write.Description);
            }
            return new HostNatReport(uplink.Name, address.ToString(), changes);
        }

        private static IReadOnlyList<Ipv4Cidr> ParseCidrs(IReadOnlyList<string> blocks)
        {
            var cidrs = new List<Ipv4Cidr>();
            foreach (var block in blocks ?? Array.Empty<string>())
            {
                if (!Ipv4Cidr.TryParse(block, out var cidr)) throw HostNatErrors.BadCidr(blocks!);
                cidrs.Add(cidr!);
            }
            if (cidrs.Count == 0) throw HostNatErrors.BadCidr(Array.Empty<string>());
            return cidrs;
        }

        private static string ListAddresses(CommandRunner runner, string uplink, Action<string> log)
        {
            var ip = ToolLocator.Find("ip")
                ?? throw HostNatErrors.ToolMissing(HostNatErrors.NetworkToolMissing, "ip", "Debian/Ubuntu: apt-get install iproute2; Amazon Linux: dnf install iproute");
            var result = runner.Run(ip, new[] { "-o", "-4", "addr", "show", "dev", uplink });
            log($"host: {result.CommandLine} (exit {result.ExitCode})");
            return result.Succeeded ? result.StandardOutput : throw HostNatErrors.CommandFailed(HostNatErrors.NetworkCommandFailed, result);
        }

        /// <summary>
        /// Adds only after -C confirms the rule is absent: the plan came from a listing, and a rule that the listing
        /// showed in a form the parser did not recognise must still not be added twice.
        /// </summary>
        private static bool Apply(Iptables iptables, FirewallChange change)
        {
            if (change.Kind == FirewallChangeKind.Delete)
            {
                iptables.Delete(change.Table, change.Rule);
                return true;
            }
            if (iptables.Exists(change.Table, change.Rule)) return false;
            iptables.Append(change.Table, change.Rule);
            return true;
        }

        /// <summary>Writes one setting; <paramref name="device"/> is the interface its key may name.</summary>
        internal static void Write(SysctlWrite write, string device, Action<string> log)
        {
            var path = SysctlPlanner.PathOf(write.Key, device);
            log($"host: echo {write.Value} > {path}");
            try
            {
                File.WriteAllText(path, write.Value + "\n");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw HostNatErrors.SysctlFailed(write.Key, ex);
            }
        }
    }
}
