using System.Globalization;
using HaNat.Aws;
using HaNat.DataPlane;
using HaNat.Tagging;

namespace HaNat.Monitor
{
    /// <summary>
    /// The hanat-monitor executable's arguments: Start-HaNatMonitor's parameters by the same names, with the same
    /// ranges and defaults (`-IntervalSeconds 1`, `-IntervalSeconds:1`, `--IntervalSeconds 1`; names in any case), the
    /// AWS session's (-Region, -EndpointUrl, -ProfileName, ...; credentials otherwise from the SDK's default chain, the
    /// instance profile on a NAT), the switches -Once and -Verbose, and --help. Pure: it reads nothing but its input.
    /// Every mistake is a HaNatException (InvalidArgument) that names the parameter and what to pass instead.
    /// </summary>
    internal sealed class MonitorCommandLine
    {
        public MonitorArguments Monitor { get; } = new MonitorArguments();
        public AwsCredentialInputs Session { get; } = new AwsCredentialInputs();
        public bool Help { get; private set; }

        private sealed class Parameter
        {
            public Parameter(string name, string help, Action<MonitorCommandLine, string>? set, Action<MonitorCommandLine>? setSwitch = null)
            {
                Name = name;
                Help = help;
                Set = set;
                SetSwitch = setSwitch;
            }

            public string Name { get; }
            public string Help { get; }
            public Action<MonitorCommandLine, string>? Set { get; }
            public Action<MonitorCommandLine>? SetSwitch { get; }
        }

        private static readonly Parameter[] Parameters =
        {
            new Parameter("IntervalSeconds", "<0.05-60>   seconds between heartbeats (0.2)",
                (c, v) => c.Monitor.IntervalSeconds = Number("IntervalSeconds", v, 0.05, 60)),
            new Parameter("MissedHeartbeats", "<1-100>      beats a peer may miss before it is failed (5)",
                (c, v) => c.Monitor.MissedHeartbeats = (int)Whole("MissedHeartbeats", v, 1, 100)),
            new Parameter("SelfCheckSeconds", "<0.05-60>  seconds between self-checks of a healthy NAT (the interval, at least 0.5)",
                (c, v) => c.Monitor.SelfCheckSeconds = Number("SelfCheckSeconds", v, 0.05, 60)),
            new Parameter("Port", "<1-65535>              the UDP heartbeat port (4747)",
                (c, v) => c.Monitor.Port = (int)Whole("Port", v, 1, 65535)),
            new Parameter("ProbeTarget", "<host:port|url>  egress probe: a TCP connect, or an http(s) GET; none skips it",
                (c, v) => c.Monitor.Probe = Probe(v)),
            new Parameter("HeartbeatKeyParameter", "<name>  SSM parameter of the heartbeat key (/hanat/<vpc-name>/heartbeat-key)",
                (c, v) => c.Monitor.HeartbeatKeyParameter = NotEmpty("HeartbeatKeyParameter", v)),
            new Parameter("PeerRefreshSeconds", "<1-3600>   seconds between listings of the peers (30)",
                (c, v) => c.Monitor.PeerRefreshSeconds = Number("PeerRefreshSeconds", v, 1, 3600)),
            new Parameter("PrivateSubnetTag", "<key=value>  the subnets served (default: this NAT's deployment's, from its tags)",
                (c, v) => c.Monitor.PrivateSubnetTag = Tag(v)),
            new Parameter("UnhealthyGraceSeconds", "<0-86400>  failing this long, the NAT marks itself Unhealthy; 0 never (120)",
                (c, v) => c.Monitor.UnhealthyGraceSeconds = Number("UnhealthyGraceSeconds", v, 0, 86400)),
            new Parameter("HandoverTimeoutSeconds", "<1-600>  how long a leaving NAT waits for its peers to take its routes (20)",
                (c, v) => c.Monitor.HandoverTimeoutSeconds = Number("HandoverTimeoutSeconds", v, 1, 600)),
            new Parameter("Once", "                        one round, then exit", null, c => c.Monitor.Once = true),
            new Parameter("NoMetrics", "                   publish no metrics to CloudWatch (default: one PutMetricData a minute)", null, c => c.Monitor.NoMetrics = true),
            new Parameter("Verbose", "                     log each AWS call (event=aws)", null, c => c.Monitor.LogAwsCalls = true),
            new Parameter("Region", "<region>             the AWS region (default: the environment's, else the instance's)",
                (c, v) => c.Session.Region = NotEmpty("Region", v)),
            new Parameter("EndpointUrl", "<url>           one endpoint for every AWS service (a test's moto)",
                (c, v) => c.Session.EndpointUrl = NotEmpty("EndpointUrl", v)),
            new Parameter("ProfileName", "<name>          a profile of the shared credentials file",
                (c, v) => c.Session.ProfileName = NotEmpty("ProfileName", v)),
            new Parameter("ProfileLocation", "<path>      the shared credentials file",
                (c, v) => c.Session.ProfileLocation = NotEmpty("ProfileLocation", v)),
            new Parameter("AccessKey", "<key>             with -SecretKey: explicit keys (default: the SDK's chain: environment, profile, instance profile)",
                (c, v) => c.Session.AccessKey = NotEmpty("AccessKey", v)),
            new Parameter("SecretKey", "<secret>          ", (c, v) => c.Session.SecretKey = NotEmpty("SecretKey", v)),
            new Parameter("SessionToken", "<token>        ", (c, v) => c.Session.SessionToken = NotEmpty("SessionToken", v)),
        };

        /// <summary>The parameter names it takes (Start-HaNatMonitor's, and the AWS session's it can take on a command line).</summary>
        public static IEnumerable<string> ParameterNames => Parameters.Select(p => p.Name);

        public static string Usage
        {
            get
            {
                var text = new System.Text.StringBuilder();
                text.AppendLine("hanat-monitor: the HaNat NAT monitor (data-plane self-check, heartbeats, failover), as Start-HaNatMonitor runs it.");
                text.AppendLine("It runs in the foreground and logs one line per event (hanat-monitor event=...) on stdout. SIGTERM hands its");
                text.AppendLine("zones to a peer, then it exits 0. Exit codes: 0 stopped as asked (a handover, -Once), 1 a failure, 2 bad arguments.");
                text.AppendLine();
                text.AppendLine("usage: hanat-monitor [-Name value]... [-Once] [-NoMetrics] [-Verbose]    (Start-HaNatMonitor's parameters)");
                foreach (var p in Parameters)
                {
                    // Help is "<value>  what it is": the value's form, then its meaning in a column of its own.
                    var help = p.Help.Trim();
                    var split = help.StartsWith("<", StringComparison.Ordinal) ? help.IndexOf('>') + 1 : 0;
                    var head = $"  -{p.Name} {help.Substring(0, split)}";
                    text.AppendLine((head.PadRight(36) + help.Substring(split).Trim()).TrimEnd());
                }
                text.AppendLine("  --help".PadRight(36) + "this text");
                return text.ToString();
            }
        }

        public static MonitorCommandLine Parse(IReadOnlyList<string> args)
        {
            var line = new MonitorCommandLine();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg == "--help" || arg == "-h" || arg == "-?" || string.Equals(arg, "-Help", StringComparison.OrdinalIgnoreCase))
                {
                    line.Help = true;
                    continue;
                }
                if (!arg.StartsWith("-", StringComparison.Ordinal) || arg.Trim('-').Length == 0)
                {
                    throw Invalid("UnexpectedArgument", arg, $"'{arg}' is not a parameter: parameters are named, as -IntervalSeconds 1. hanat-monitor --help lists them.");
                }
                var name = arg.TrimStart('-');
                string? inline = null;
                var colon = name.IndexOf(':');
                if (colon >= 0)
                {
                    inline = name.Substring(colon + 1);
                    name = name.Substring(0, colon);
                }
                var parameter = Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (parameter == null)
                {
                    throw Invalid("UnknownParameter", arg, $"hanat-monitor takes no parameter -{name}. hanat-monitor --help lists its parameters (Start-HaNatMonitor's).");
                }
                if (!seen.Add(parameter.Name))
                {
                    throw Invalid("DuplicateParameter", arg, $"-{parameter.Name} was given twice; give it once.");
                }
                if (parameter.SetSwitch != null)
                {
                    if (inline == null || Flag(parameter.Name, inline)) parameter.SetSwitch(line);
                    continue;
                }
                var value = inline;
                if (value == null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("-", StringComparison.Ordinal) && !IsNumber(args[i + 1]))
                    {
                        throw Invalid("MissingValue", arg, $"-{parameter.Name} needs a value, as -{parameter.Name} {Example(parameter)}.");
                    }
                    value = args[++i];
                }
                parameter.Set!(line, value);
            }
            return line;
        }

        private static string Example(Parameter p) => p.Help.TrimStart().StartsWith("<", StringComparison.Ordinal)
            ? p.Help.TrimStart().Substring(0, p.Help.TrimStart().IndexOf('>') + 1)
            : "<value>";

        private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        private static bool Flag(string name, string text) => text.ToLowerInvariant() switch
        {
            "true" or "$true" or "1" => true,
            "false" or "$false" or "0" => false,
            _ => throw Invalid("InvalidValue", text, $"-{name}:{text} is not a switch value; pass -{name} alone, or -{name}:true / -{name}:false."),
        };

        private static double Number(string name, string text, double min, double max)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
            {
                throw Invalid("InvalidValue", text, $"-{name} takes a number (in seconds, as 1 or 0.5), not '{text}'.");
            }
            return InRange(name, value, min, max);
        }

        private static double Whole(string name, string text, double min, double max)
        {
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                throw Invalid("InvalidValue", text, $"-{name} takes a whole number, not '{text}'.");
            }
            return InRange(name, value, min, max);
        }

        private static double InRange(string name, double value, double min, double max)
        {
            if (value < min || value > max)
            {
                throw Invalid("ValueOutOfRange", value,
                    $"-{name} {value.ToString(CultureInfo.InvariantCulture)} is out of its range: pass a value from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
            }
            return value;
        }

        private static string NotEmpty(string name, string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw Invalid("InvalidValue", text, $"-{name} cannot be empty; leave it out for its default.");
            return text;
        }

        private static EgressProbe? Probe(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null; // as the cmdlet: none skips the egress probe
            var probe = EgressProbe.TryParse(text, out var error);
            if (probe == null) throw new HaNatException("InvalidProbeTarget", HaNatErrorKind.InvalidArgument, $"-ProbeTarget {error}.") { Target = text };
            return probe;
        }

        private static PrivateSubnetTag Tag(string text) => PrivateSubnetTag.Parse(text);

        private static HaNatException Invalid(string errorId, object target, string message) =>
            new HaNatException(errorId, HaNatErrorKind.InvalidArgument, message) { Target = target };
    }
}
