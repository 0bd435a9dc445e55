using System.Management.Automation;
using HaNat.Build;

namespace HaNat.Commands
{
    /// <summary>
    /// The NAT inputs of the cmdlets that deploy NATs, New-HaNatVpc (into a VPC it builds) and Add-HaNatVpc (into one
    /// that exists): the same parameters, the same defaults, checked the same way.
    /// </summary>
    public abstract class NatDeploymentCmdlet : HaNatCmdlet
    {
        /// <summary>The NAT image; by default the newest HaNat image in the region (Get-HaNatImage), of -InstanceType's architecture when given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ImageId { get; set; }

        /// <summary>A key pair for the NATs; no SSH rule is made for it unless -SshCidr is given.</summary>
        [Parameter]
        public string? KeyName { get; set; }

        /// <summary>By default a small type of the image's architecture (t4g.nano, t3.nano).</summary>
        [Parameter]
        public string? InstanceType { get; set; }

        /// <summary>Where SSH (tcp 22) to the NATs may come from; no SSH rule without it.</summary>
        [Parameter]
        public string? SshCidr { get; set; }

        /// <summary>
        /// Runs the NATs on spot capacity: the group gets a mixed instances policy (the chosen type and a few of the same
        /// architecture and size, price-capacity-optimized, capacity rebalancing), and with two zones or more one NAT
        /// stays on-demand, so a spot drought leaves a NAT to serve every zone.
        /// </summary>
        [Parameter]
        public SwitchParameter Spot { get; set; }

        /// <summary>
        /// The ARN of an SNS topic each of the deployment's CloudWatch alarms notifies when it fires and when it clears;
        /// without it the alarms only change state (the console, or a rule on their state changes, shows them).
        /// </summary>
        [Parameter]
        public string? AlarmAction { get; set; }

        /// <summary>Makes no CloudWatch alarms (each costs $0.10 a month).</summary>
        [Parameter]
        public SwitchParameter NoAlarms { get; set; }

        /// <summary>
        /// Refuses, before the first write, alarm names that are taken (<see cref="Alarms.AlarmPreflight"/>); a read,
        /// so -WhatIf checks it too.
        /// </summary>
        private protected void CheckAlarmNamesFree(Aws.AwsSession session, IReadOnlyList<Alarms.AlarmLayout> alarms, string name)
        {
            if (alarms.Count == 0) return;
            using var cloudWatch = session.CreateCloudWatchClient();
            Await(Alarms.AlarmPreflight.CheckNamesFreeAsync(session, cloudWatch, alarms, name));
        }

        /// <summary>
        /// Runs a build's steps in order with a progress bar. On a failure it rolls <paramref name="journal"/> back, last
        /// first, and ends the command with the step's error and what the rollback left, if anything. Ctrl+C stops
        /// between steps; what was made stays (the cancelled token cannot roll back), and Remove-HaNatVpc -Name removes it.
        /// </summary>
        private protected void RunSteps(IReadOnlyList<BuildStep> steps, BuildJournal journal, string activity, string name)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                WriteProgress(new ProgressRecord(1, activity, step.ToString()) { PercentComplete = i * 100 / steps.Count });
                try
                {
                    Await(Completion(step.Run));
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    RollBackAndFail(journal, activity, step, ex, name);
                }
            }
            WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>A step as a Task&lt;T&gt;, the shape Await takes.</summary>
        private static async Task<bool> Completion(Func<Task> run)
        {
            await run().ConfigureAwait(false);
            return true;
        }

        private void RollBackAndFail(BuildJournal journal, string activity, BuildStep step, Exception error, string name)
        {
            var created = journal.Count;
            WriteProgress(new ProgressRecord(1, activity, $"Rolling back {created} resources after: {step}"));
            var failures = Await(journal.RollBackAsync(GetSession().Log.Note));
            WriteProgress(new ProgressRecord(1, activity, "Rolled back") { RecordType = ProgressRecordType.Completed });

            var original = error as HaNatException ?? new HaNatException("BuildFailed", HaNatErrorKind.InvalidOperation, error.Message, error);
            var outcome = failures.Count == 0
                ? " Everything this run had created was deleted again."
                : $" Rolling back left {failures.Count} of {created} behind: {Sentences.End(string.Join("; ", failures.Select(f => f.TrimEnd('.'))))} " +
                  $"Remove-HaNatVpc -Name {name} removes them.";
            Fail(new HaNatException(original.ErrorId, original.Kind, $"{step.Action} {step.Target} failed: {Sentences.End(original.Message)}{outcome}", error) { Target = name });
        }
    }
}
