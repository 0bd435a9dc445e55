namespace HaNat.HostNat
{
    /// <summary>
    /// The host set-up's ErrorIds and messages, in one place so that the logic, the cmdlet's users and the tests
    /// agree on them. Every message says what was found and what to do, because the reader is usually an operator
    /// looking at a boot log of an instance that did not become a NAT.
    /// </summary>
    internal static class HostNatErrors
    {
        public const string NotLinux = "NotLinux";
        public const string InvalidVpcCidr = "InvalidVpcCidr";
        public const string NoDefaultRoute = "NoDefaultRoute";
        public const string InterfaceNotFound = "InterfaceNotFound";
        public const string InterfaceMismatch = "InterfaceMismatch";
        public const string InterfaceDown = "InterfaceDown";
        public const string InterfaceHasNoAddress = "InterfaceHasNoAddress";
        public const string FirewallToolMissing = "FirewallToolMissing";
        public const string FirewallCommandFailed = "FirewallCommandFailed";
        public const string NetworkToolMissing = "NetworkToolMissing";
        public const string NetworkCommandFailed = "NetworkCommandFailed";
        public const string SysctlWriteFailed = "SysctlWriteFailed";

        public static HaNatException NotLinuxHost(string platform) =>
            new HaNatException(NotLinux, HaNatErrorKind.InvalidOperation,
                $"This host runs {platform}; a HaNat NAT instance must run Linux (forwarding and masquerade are set with /proc/sys and iptables). " +
                "Run Invoke-HaNatTakeover on the NAT instance itself, or pass -InstanceId from elsewhere to move routes without host set-up.");

        public static HaNatException BadCidr(IEnumerable<string> blocks) =>
            new HaNatException(InvalidVpcCidr, HaNatErrorKind.InvalidArgument,
                $"The VPC's IPv4 CIDR blocks ({Show(blocks)}) are not all of the form a.b.c.d/n, so no NAT rule can be written for them. " +
                "Check what IMDS returns for network/interfaces/macs/<mac>/vpc-ipv4-cidr-blocks.");

        public static HaNatException NoRoute() =>
            new HaNatException(NoDefaultRoute, HaNatErrorKind.ObjectNotFound,
                "This host has no IPv4 default route (/proc/net/route lists none), so there is no uplink to masquerade out of. " +
                "Bring the primary interface up and let DHCP give it an address and a default route (see `ip route`), then run Invoke-HaNatTakeover again.");

        public static HaNatException NotFound(string name) =>
            new HaNatException(InterfaceNotFound, HaNatErrorKind.ObjectNotFound,
                $"The default route goes out {name}, but /sys/class/net/{name} does not exist. " +
                "Check `ip link` and `ip route` (an interface renamed or removed after the route was made), then run again.") { Target = name };

        public static HaNatException Mismatch(string routeInterface, string? routeMac, string expectedMac, string? interfaceWithExpectedMac) =>
            new HaNatException(InterfaceMismatch, HaNatErrorKind.InvalidOperation,
                $"IMDS says this instance's primary interface has MAC {expectedMac}" +
                (interfaceWithExpectedMac != null ? $" (that is {interfaceWithExpectedMac} here)" : " (no interface here has it)") +
                $", but the default route goes out {routeInterface} (MAC {routeMac ?? "none"}). " +
                $"Masquerading out of {routeInterface} would send the VPC's traffic out the wrong interface. " +
                "Make the default route use the primary interface (see `ip route` and `ip rule`), then run again.") { Target = routeInterface };

        public static HaNatException Down(InterfaceFacts uplink) =>
            new HaNatException(InterfaceDown, HaNatErrorKind.InvalidOperation,
                $"The default route goes out {uplink.Name}, but {uplink.Name} is not up ({uplink.DescribeState()}). " +
                $"A NAT rule on an interface that is down forwards nothing. Bring it up (`ip link set {uplink.Name} up`) " +
                "or find out why it has no link, then run again.") { Target = uplink.Name };

        public static HaNatException NoAddress(string name) =>
            new HaNatException(InterfaceHasNoAddress, HaNatErrorKind.InvalidOperation,
                $"The default route goes out {name}, but {name} has no IPv4 address (`ip -o -4 addr show dev {name}` lists none), " +
                $"so masquerade would have no source address. Let DHCP give {name} its address, then run again.") { Target = name };

        public static HaNatException ToolMissing(string errorId, string tool, string packages) =>
            new HaNatException(errorId, HaNatErrorKind.NotInstalled,
                $"{tool} was not found in /usr/sbin, /sbin, /usr/bin, /bin or PATH. Install it ({packages}), then run again.");

        public static HaNatException CommandFailed(string errorId, CommandResult result) =>
            new HaNatException(errorId, HaNatErrorKind.InvalidOperation,
                $"`{result.CommandLine}` " + (result.TimedOut ? "did not finish in time" : $"exited {result.ExitCode}") +
                (string.IsNullOrWhiteSpace(result.StandardError) ? "" : $": {result.StandardError.Trim()}") +
                ". HaNat must run as root on the NAT instance; check that the kernel has netfilter NAT (nf_tables or ip_tables) and run again.");

        public static HaNatException SysctlFailed(string key, System.Exception inner) =>
            new HaNatException(SysctlWriteFailed, HaNatErrorKind.PermissionDenied,
                $"Could not set {key} ({inner.Message}). HaNat must run as root on the NAT instance (the systemd unit runs it so).", inner);

        private static string Show(IEnumerable<string> blocks)
        {
            var list = blocks.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list);
        }
    }
}
