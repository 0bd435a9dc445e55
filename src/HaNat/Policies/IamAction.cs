using System.Text.RegularExpressions;

namespace HaNat.Policies
{
    /// <summary>IAM action names ("service:Operation"): matching with IAM's wildcards, and read/write classification.</summary>
    internal static class IamAction
    {
        /// <summary>IAM compares actions case-insensitively; '*' matches any run of characters and '?' one character.</summary>
        public static bool Matches(string pattern, string action)
        {
            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            return Regex.IsMatch(action, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>Describe*, Get* and List* operations read; everything else may change something.</summary>
        public static bool IsReadOnly(string action)
        {
            var colon = action.IndexOf(':');
            var operation = colon < 0 ? action : action.Substring(colon + 1);
            return operation.StartsWith("Describe", StringComparison.OrdinalIgnoreCase)
                || operation.StartsWith("Get", StringComparison.OrdinalIgnoreCase)
                || operation.StartsWith("List", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// "ec2" and "CreateRoute" → "ec2:CreateRoute": how a recorded API request names its IAM action. CloudWatch
        /// signs as "monitoring" and is "cloudwatch" to IAM.
        /// </summary>
        public static string Of(string servicePrefix, string operation)
        {
            var prefix = servicePrefix.ToLowerInvariant();
            return (prefix == "monitoring" ? "cloudwatch" : prefix) + ":" + operation;
        }
    }
}
