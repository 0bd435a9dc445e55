using System.Management.Automation;

namespace HaNat.Completion
{
    /// <summary>Turns candidate values into Tab completions: those that start with what was typed, quoted where needed.</summary>
    internal static class CompletionMatches
    {
        public static IEnumerable<CompletionResult> For(IEnumerable<string> candidates, string? wordToComplete, Func<string, string>? toolTip = null)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, toolTip?.Invoke(c) ?? c));
        }

        // Region, zone and HaNat VPC names need no quotes; a name with a space or a quote (tag values allow them) does.
        private static string Quote(string value) =>
            value.Any(ch => char.IsWhiteSpace(ch) || "'\"`$;,(){}@#&|<>".IndexOf(ch) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
