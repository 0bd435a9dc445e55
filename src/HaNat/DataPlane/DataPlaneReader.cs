using System.Net.NetworkInformation;
using System.Net.Sockets;
using HaNat.HostNat;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Reads the <see cref="DataPlaneFacts"/> of this host, in three parts of very different cost: the kernel files
    /// straight from /proc and /sys (microseconds), the uplink's addresses from the runtime (getifaddrs and a dozen
    /// files, no process), and the ruleset, one iptables-save for every table (a process: milliseconds). A one-off
    /// check reads all three (<see cref="Read"/>); the monitor's <see cref="DataPlaneWatch"/> reads the costly two
    /// again only when the kernel says they changed.
    /// </summary>
    internal sealed class DataPlaneReader
    {
        private static readonly TimeSpan IptablesTimeout = TimeSpan.FromSeconds(2);
        private readonly CommandRunner _runner = new CommandRunner(IptablesTimeout);

        /// <summary>The iptables-save found (nft first: the backend of current distributions), or null.</summary>
        public string? IptablesSavePath { get; } = ToolLocator.Find("iptables-save", "iptables-nft-save", "iptables-legacy-save");

        public DataPlaneFacts Read(IReadOnlyList<string> vpcCidrBlocks, string? expectedMac)
        {
            var facts = ReadKernel(vpcCidrBlocks, expectedMac, out var uplink);
            if (uplink != null) facts.Addresses = AddressesOf(uplink);
            (facts.IptablesSave, facts.IptablesError) = ReadRuleset();
            return facts;
        }

        /// <summary>
        /// The kernel's files: forwarding, routes, conntrack, and the state of the interface that carries the default
        /// route (<paramref name="uplink"/>: its name when it exists, whose addresses are then worth reading).
        /// </summary>
        public DataPlaneFacts ReadKernel(IReadOnlyList<string> vpcCidrBlocks, string? expectedMac, out string? uplink)
        {
            var facts = new DataPlaneFacts(vpcCidrBlocks)
            {
                ExpectedMac = expectedMac,
                IpForward = SysClassNet.ReadText("/proc/sys/net/ipv4/ip_forward"),
                RouteTable = SysClassNet.ReadText("/proc/net/route"),
                ConntrackCount = SysClassNet.ReadText("/proc/sys/net/netfilter/nf_conntrack_count"),
                ConntrackMax = SysClassNet.ReadText("/proc/sys/net/netfilter/nf_conntrack_max"),
            };
            uplink = null;
            var name = facts.RouteTable == null ? null : ProcNetRoute.FindDefault(ProcNetRoute.Parse(facts.RouteTable))?.InterfaceName;
            if (name == null) return facts;
            var root = $"{SysClassNet.Root}/{name}";
            if (SysClassNet.ReadText(root + "/operstate") is string operState)
            {
                facts.Interfaces = new Dictionary<string, InterfaceFacts>
                {
                    [name] = new InterfaceFacts(name, SysClassNet.ReadText(root + "/address"), operState,
                        InterfaceFacts.ParseFlags(SysClassNet.ReadText(root + "/flags")), InterfaceFacts.ParseCarrier(SysClassNet.ReadText(root + "/carrier"))),
                };
                uplink = name;
            }
            return facts;
        }

        /// <summary>Every table in one iptables-save run: its output, or why there is none.</summary>
        public (string? Save, string? Error) ReadRuleset()
        {
            if (IptablesSavePath == null) return (null, "iptables-save is not installed");
            var result = _runner.Run(IptablesSavePath, Array.Empty<string>());
            if (result.Succeeded) return (result.StandardOutput, null);
            return (null, result.TimedOut ? $"{IptablesSavePath} timed out" : $"{IptablesSavePath} exited {result.ExitCode}: {result.StandardError.Trim()}");
        }

        /// <summary>Whether the iptables found writes nftables (whose every change the kernel announces), from its -V.</summary>
        public bool IptablesIsNft()
        {
            if (IptablesSavePath == null) return false;
            var result = _runner.Run(IptablesSavePath, new[] { "-V" });
            return result.Succeeded && (result.StandardOutput + result.StandardError).Contains("nf_tables");
        }

        public static IReadOnlyList<InterfaceAddress> AddressesOf(string name)
        {
            try
            {
                return NetworkInterface.GetAllNetworkInterfaces()
                    .Where(n => n.Name == name)
                    .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                    .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
                    .Select(a => new InterfaceAddress(name, a.Address.ToString(), a.PrefixLength,
                        a.Address.GetAddressBytes()[0] == 127 ? "host" : "global"))
                    .ToList();
            }
            catch (NetworkInformationException)
            {
                return Array.Empty<InterfaceAddress>();
            }
        }
    }
}
