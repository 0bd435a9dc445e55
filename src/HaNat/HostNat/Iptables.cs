namespace HaNat.HostNat
{
    /// <summary>
    /// The iptables commands HaNat runs, each logged. `iptables` is preferred over the explicit variants: on Debian
    /// 11+ and Amazon Linux 2023 it is iptables-nft, the one the distribution's own tools also use, so HaNat's rules
    /// are listed next to theirs. -w waits (bounded) for the xtables lock that another tool may hold at boot.
    /// </summary>
    internal sealed class Iptables
    {
        private const string LockWaitSeconds = "5";
        private readonly string _path;
        private readonly CommandRunner _runner;
        private readonly Action<string> _log;

        public Iptables(string path, CommandRunner runner, Action<string> log)
        {
            _path = path;
            _runner = runner;
            _log = log;
        }

        public string Path => _path;

        public static Iptables Locate(CommandRunner runner, Action<string> log)
        {
            var path = ToolLocator.Find("iptables", "iptables-nft", "iptables-legacy")
                ?? throw HostNatErrors.ToolMissing(HostNatErrors.FirewallToolMissing, "iptables",
                    "Debian/Ubuntu: apt-get install iptables; Amazon Linux 2023: dnf install iptables-nft");
            return new Iptables(path, runner, log);
        }

        /// <summary>`iptables -S CHAIN` of a table: the chain's policy line and its rules.</summary>
        public string List(string table, string chain) => Require(Run(table, "-S", chain));

        /// <summary>-C: true when the rule is there. Exit 1 means absent; anything else is a failure.</summary>
        public bool Exists(string table, IptablesRule rule)
        {
            var result = Run(table, new[] { "-C", rule.Chain }.Concat(rule.Arguments).ToArray());
            if (result.Succeeded) return true;
            if (!result.TimedOut && result.ExitCode == 1) return false;
            throw HostNatErrors.CommandFailed(HostNatErrors.FirewallCommandFailed, result);
        }

        public void Append(string table, IptablesRule rule) =>
            Require(Run(table, new[] { "-A", rule.Chain }.Concat(rule.Arguments).ToArray()));

        /// <summary>-I at the top of the chain: the rule is matched before any appended one (the masquerade).</summary>
        public void Insert(string table, IptablesRule rule) =>
            Require(Run(table, new[] { "-I", rule.Chain, "1" }.Concat(rule.Arguments).ToArray()));

        public void Delete(string table, IptablesRule rule) =>
            Require(Run(table, new[] { "-D", rule.Chain }.Concat(rule.Arguments).ToArray()));

        private CommandResult Run(string table, params string[] arguments)
        {
            var all = new List<string> { "-w", LockWaitSeconds, "-t", table };
            all.AddRange(arguments);
            var result = _runner.Run(_path, all);
            _log($"host: {result.CommandLine} (exit {(result.TimedOut ? "timeout" : result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))})");
            return result;
        }

        private static string Require(CommandResult result) =>
            result.Succeeded ? result.StandardOutput : throw HostNatErrors.CommandFailed(HostNatErrors.FirewallCommandFailed, result);
    }
}
