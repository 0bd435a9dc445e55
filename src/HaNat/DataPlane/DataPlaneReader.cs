using System.Net.NetworkInformation;
using System.Net.Sockets;
using HaNat.HostNat;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Reads the <see cref="DataPlaneFacts"/> of this host. Thin and cheap, since the monitor calls it every
    /// second: kernel files straight from /proc and /sys, addresses from the runtime (getifaddrs, no process), and
    /// one iptables-save for every table.
    /// </summary>
    internal sealed class DataPlaneReader
    {
        private static readonly TimeSpan IptablesTimeout = TimeSpan.FromSeconds(2);
        private readonly CommandRunner _runner = new CommandRunner(IptablesTimeout);
        private readonly string? _iptablesSave = ToolLocator.Find("iptables-save", "iptables-nft-save", "iptables-legacy-save");

        public DataPlaneFacts Read(IReadOnlyList<string> vpcCidrBlocks, string? expectedMac)
        {
            var facts = new DataPlaneFacts(vpcCidrBlocks)
            {
                ExpectedMac = expectedMac,
                IpForward = SysClassNet.ReadText("/proc/sys/net/ipv4/ip_forward"),
                RouteTable = SysClassNet.ReadText("/proc/net/route"),
                ConntrackCount = SysClassNet.ReadText("/proc/sys/net/netfilter/nf_conntrack_count"),
                ConntrackMax = SysClassNet.ReadText("/proc/sys/net/netfilter/nf_conntrack_max"),
            };

            var uplink = facts.RouteTable == null ? null : ProcNetRoute.FindDefault(ProcNetRoute.Parse(facts.RouteTable))?.InterfaceName;
            if (uplink != null)
            {
                var root = $"{SysClassNet.Root}/{uplink}";
                if (SysClassNet.ReadText(root + "/operstate") is string operState)
                {
                    facts.Interfaces = new Dictionary<string, InterfaceFacts>
                    {
                        [uplink] = new InterfaceFacts(uplink, SysClassNet.ReadText(root + "/address"), operState,
                            InterfaceFacts.ParseFlags(SysClassNet.ReadText(root + "/flags")), InterfaceFacts.ParseCarrier(SysClassNet.ReadText(root + "/carrier"))),
                    };
                    facts.Addresses = AddressesOf(uplink);
                }
            }

            if (_iptablesSave == null)
            {
                facts.IptablesError = "iptables-save is not installed";
            }
            else
            {
                var result = _runner.Run(_iptablesSave, Array.Empty<string>());
                if (result.Succeeded) facts.IptablesSave = result.StandardOutput;
                else facts.IptablesError = result.TimedOut ? $"{_iptablesSave} timed out" : $"{_iptablesSave} exited {result.ExitCode}: {result.StandardError.Trim()}";
            }
            return facts;
        }

        private static IReadOnlyList<InterfaceAddress> AddressesOf(string name)
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
