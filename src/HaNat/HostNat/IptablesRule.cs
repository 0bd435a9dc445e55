using System.Text;

namespace HaNat.HostNat
{
    /// <summary>
    /// One iptables rule, as HaNat writes it and as `iptables -S` prints it. Two rules are the same when they match
    /// the same packets and do the same thing (<see cref="Key"/>), whatever the order of their options, so a rule
    /// listed by iptables-nft or iptables-legacy is recognised either way.
    /// </summary>
    internal sealed class IptablesRule
    {
        public const string HaNatComment = "hanat";

        private IptablesRule(string chain, IReadOnlyList<string> arguments)
        {
            Chain = chain;
            Arguments = arguments;
        }

        public string Chain { get; }
        /// <summary>The rule's options after the chain name, ready for -A, -C or -D.</summary>
        public IReadOnlyList<string> Arguments { get; }

        public string? Source { get; private set; }
        public string? Destination { get; private set; }
        public string? InInterface { get; private set; }
        public string? OutInterface { get; private set; }
        public string? CtState { get; private set; }
        public string? Comment { get; private set; }
        public string? Jump { get; private set; }
        /// <summary>Options HaNat does not write (protocols, negations, other matches), in order; part of the key.</summary>
        public string Other { get; private set; } = "";

        public bool IsHaNat => Comment == HaNatComment;

        public string Key => $"{Chain}|s={Source}|d={Destination}|i={InInterface}|o={OutInterface}|ct={CtState}|j={Jump}|c={Comment}|x={Other}";

        /// <summary>Builds a rule from options in the order iptables prints them, so a listing shows it as written.</summary>
        public static IptablesRule Create(string chain, params string[] arguments) => Interpret(chain, arguments);

        /// <summary>One rule line of `iptables -S` ("-A CHAIN ..."); null for policy and chain lines.</summary>
        public static IptablesRule? ParseSpec(string line)
        {
            var tokens = Tokenize(line);
            if (tokens.Count < 2 || tokens[0] != "-A") return null;
            return Interpret(tokens[1], tokens.Skip(2).ToList());
        }

        /// <summary>All rule lines of a listing.</summary>
        public static IReadOnlyList<IptablesRule> ParseListing(string listing) =>
            (listing ?? "").Split('\n').Select(ParseSpec).Where(r => r != null).Select(r => r!).ToList();

        /// <summary>The chain's policy ("-P FORWARD DROP"), or null when the listing has none (a user chain).</summary>
        public static string? ParsePolicy(string listing, string chain) =>
            (listing ?? "").Split('\n')
                .Select(Tokenize)
                .Where(t => t.Count >= 3 && t[0] == "-P" && t[1] == chain)
                .Select(t => t[2])
                .FirstOrDefault();

        public string Describe() => string.Join(" ", new[] { "-A", Chain }.Concat(Arguments.Select(Quote)));

        private static IptablesRule Interpret(string chain, IReadOnlyList<string> args)
        {
            var rule = new IptablesRule(chain, args);
            var other = new List<string>();
            for (var i = 0; i < args.Count; i++)
            {
                var option = args[i];
                var value = i + 1 < args.Count ? args[i + 1] : null;
                switch (option)
                {
                    case "-s" when value != null: rule.Source = Cidr(value); i++; break;
                    case "-d" when value != null: rule.Destination = Cidr(value); i++; break;
                    case "-i" when value != null: rule.InInterface = value; i++; break;
                    case "-o" when value != null: rule.OutInterface = value; i++; break;
                    case "-j" when value != null: rule.Jump = value; i++; break;
                    case "--comment" when value != null: rule.Comment = value; i++; break;
                    case "--ctstate" when value != null: rule.CtState = SortedSet(value); i++; break;
                    // "-m comment" and "-m conntrack" only load the match whose option follows; the option is the meaning.
                    case "-m" when value == "comment" || value == "conntrack": i++; break;
                    default: other.Add(option); break;
                }
            }
            rule.Other = string.Join(" ", other);
            return rule;
        }

        private static string Cidr(string value) => Ipv4Cidr.TryParse(value, out var cidr) ? cidr!.ToString() : value;

        private static string SortedSet(string value) =>
            string.Join(",", value.Split(',').Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).OrderBy(s => s, StringComparer.Ordinal));

        /// <summary>Splits a listing line as iptables quotes it: "a b" is one token, \" and \\ are escapes.</summary>
        public static List<string> Tokenize(string line)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            var inQuotes = false;
            var hasToken = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\' && i + 1 < line.Length && (line[i + 1] == '"' || line[i + 1] == '\\'))
                {
                    current.Append(line[++i]);
                    hasToken = true;
                }
                else if (c == '"')
                {
                    inQuotes = !inQuotes;
                    hasToken = true;
                }
                else if (!inQuotes && char.IsWhiteSpace(c))
                {
                    if (hasToken) tokens.Add(current.ToString());
                    current.Clear();
                    hasToken = false;
                }
                else
                {
                    current.Append(c);
                    hasToken = true;
                }
            }
            if (hasToken) tokens.Add(current.ToString());
            return tokens;
        }

        private static string Quote(string token) =>
            token.Length > 0 && token.All(c => !char.IsWhiteSpace(c) && c != '"') ? token : "\"" + token.Replace("\"", "\\\"") + "\"";
    }
}
