using HaNat.Aws;
using HaNat.Aws.CloudWatch;
using HaNat.Build;

namespace HaNat.Alarms
{
    /// <summary>
    /// Before the first write of a build: the alarms' names must be free. PutMetricAlarm replaces an alarm of the same
    /// name without a word (and keeps its tags), so a build that went ahead would change an alarm HaNat did not make,
    /// or one a removal left, and a rollback would then delete it.
    /// </summary>
    internal static class AlarmPreflight
    {
        /// <summary>True when every name is free (and when there are no alarms); else a HaNatException naming those taken.</summary>
        public static async Task<bool> CheckNamesFreeAsync(AwsSession session, ICloudWatchClient cloudWatch, IReadOnlyList<AlarmLayout> alarms, string vpcName)
        {
            if (alarms.Count == 0) return true;
            IReadOnlyList<string> taken;
            try
            {
                taken = await new AlarmReads(session, cloudWatch).TakenAsync(alarms.Select(a => a.Name).ToList()).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Kind == HaNatErrorKind.PermissionDenied)
            {
                throw new HaNatException("PreflightAccessDenied", HaNatErrorKind.PermissionDenied,
                    $"Could not check whether HaNat's alarm names are free, so nothing was made: cloudwatch:DescribeAlarms was denied. {Sentences.End(ex.Message)} " +
                    "Allow it on the alarms named hanat-* (Get-HaNatIamPolicy -For Operator does), or pass -NoAlarms.", ex) { Target = vpcName };
            }
            if (taken.Count == 0) return true;
            throw new HaNatException("AlarmNameInUse", HaNatErrorKind.ResourceExists,
                $"CloudWatch alarms named as HaNat names this deployment's already exist, so nothing was made: {string.Join(", ", taken)}. " +
                $"Remove-HaNatVpc -Name {vpcName} removes those HaNat made for an earlier '{vpcName}'; delete or rename any other " +
                "(aws cloudwatch delete-alarms --alarm-names ...), choose another name, or pass -NoAlarms.") { Target = vpcName };
        }
    }
}
