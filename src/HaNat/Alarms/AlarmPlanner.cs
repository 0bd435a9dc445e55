using System.Text.RegularExpressions;

namespace HaNat.Alarms
{
    /// <summary>Plans a deployment's alarms (<see cref="AlarmDefinitions.All"/> for each zone) and checks the user's alarm action.</summary>
    internal static class AlarmPlanner
    {
        /// <summary>An SNS topic's ARN: arn:partition:sns:region:account:topic (a FIFO topic cannot be an alarm's action).</summary>
        private static readonly Regex TopicArn = new Regex(@"^arn:(aws[a-z-]*):sns:([a-z]{2}(-[a-z]+)+-\d+):(\d{12}):([A-Za-z0-9_-]{1,256})$", RegexOptions.CultureInvariant);

        /// <summary>The same pattern for the CloudFormation parameter (its AllowedPattern), empty allowed: no action.</summary>
        public const string TemplateAllowedPattern = @"^$|^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:[A-Za-z0-9_-]{1,256}$";

        /// <summary>Each zone's alarms, zone by zone; none when <paramref name="makeAlarms"/> is false (-NoAlarms).</summary>
        public static IReadOnlyList<AlarmLayout> Plan(string vpcName, IEnumerable<string> zones, string? alarmAction, bool makeAlarms = true)
        {
            if (!makeAlarms) return Array.Empty<AlarmLayout>();
            return zones.SelectMany(zone => AlarmDefinitions.All.Select(definition => new AlarmLayout(vpcName, zone, definition, alarmAction))).ToList();
        }

        /// <summary>The alarm action as given (trimmed), null when none; a HaNatException when it is not an SNS topic's ARN.</summary>
        public static string? CheckAlarmAction(string? alarmAction, bool makeAlarms = true)
        {
            var value = alarmAction?.Trim();
            if (string.IsNullOrEmpty(value)) return null;
            if (!makeAlarms)
            {
                throw Invalid(value!, "-AlarmAction names what the alarms notify, and -NoAlarms makes no alarms. Pass one or the other.");
            }
            if (!TopicArn.IsMatch(value))
            {
                throw Invalid(value!, $"'{value}' is not an SNS topic's ARN. Pass the ARN of the topic the alarms should notify, such as " +
                    "arn:aws:sns:us-east-1:123456789012:hanat-alarms (aws sns list-topics lists yours), or leave -AlarmAction out.");
            }
            return value;
        }

        /// <summary>
        /// A warning when the topic is of another region than the alarms: CloudWatch's alarm actions are documented for a
        /// topic of the alarm's own region.
        /// </summary>
        public static string? RegionWarning(string? alarmAction, string? region)
        {
            var match = alarmAction == null ? null : TopicArn.Match(alarmAction);
            if (match == null || !match.Success || region == null || match.Groups[2].Value == region) return null;
            return $"The alarms' SNS topic {alarmAction} is in {match.Groups[2].Value}, and the alarms are in {region}: CloudWatch may not notify a " +
                $"topic of another region. Prefer a topic in {region}.";
        }

        private static HaNatException Invalid(string target, string message) =>
            new HaNatException("InvalidAlarmAction", HaNatErrorKind.InvalidArgument, message) { Target = target };
    }
}
