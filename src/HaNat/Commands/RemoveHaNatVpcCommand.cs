using System.Management.Automation;
using HaNat.Build;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.Removal;

namespace HaNat.Commands
{
    /// <summary>
    /// Removes a HaNat VPC and everything HaNat made for it, and nothing else: resources are chosen by HaNat's tags,
    /// and a VPC that holds anything HaNat did not make is refused before the first write. A run that stops half-way
    /// is finished by running it again.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    public sealed class RemoveHaNatVpcCommand : HaNatCmdlet
    {
        private const string ByNameSet = "Name";
        private const string ByIdSet = "VpcId";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.VpcNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^vpc-[0-9a-f]+$")]
        public string VpcId { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            try
            {
                Remove();
            }
            catch (HaNatException ex)
            {
                Report(ex, ParameterSetName == ByNameSet ? Name : VpcId);
            }
        }

        private void Remove()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            using var cloudWatch = session.CreateCloudWatchClient();

            var byName = ParameterSetName == ByNameSet;
            // One VPC, named exactly: a pattern (which EC2's tag filters would expand) must not choose what is deleted.
            if (byName) LayoutInputRules.CheckName(Name);
            var inventory = Await(new VpcInventoryReader(session, ec2, autoScaling, iam, ssm, cloudWatch).ReadForRemovalAsync(byName ? Name : null, byName ? null : VpcId));
            if (inventory == null)
            {
                // As Remove-EC2Vpc does: a name or id that names nothing is an error, never a silent success, so that
                // a typo does not pass for a removal.
                throw byName
                    ? new HaNatException("HaNatVpcNotFound", HaNatErrorKind.ObjectNotFound,
                        $"There is no HaNat VPC named '{Name}' in {session.Region}, and nothing left over of one. Check the name and -Region; Get-HaNatVpc lists the HaNat VPCs.")
                    { Target = Name }
                    : new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound,
                        $"{VpcId} does not exist in {session.Region}. Check the id and -Region; Get-HaNatVpc lists the HaNat VPCs.")
                    { Target = VpcId };
            }

            if (TeardownPlanner.StackRefusal(inventory) is HaNatException stackRefusal) throw stackRefusal;
            var plan = TeardownPlanner.Plan(inventory);
            if (plan.Blockers.Count > 0) throw TeardownPlanner.Refusal(plan);
            foreach (var left in plan.LeftAlone) WriteWarning($"Left alone: {left}.");
            foreach (var warning in plan.Warnings) WriteWarning(Sentences.End(warning));

            var label = plan.VpcId == null ? $"HaNat VPC '{plan.Name}' (leftovers; the VPC is gone)" : $"HaNat VPC '{plan.Name}' ({plan.VpcId})";
            var action = $"Remove, with everything HaNat made for it ({plan.Steps.Count} steps)";
            if (plan.IsAdded)
            {
                // Add-HaNatVpc's deployment: the VPC is the user's, and says so in the confirmation.
                label = $"{plan.VpcId} (the VPC and everything HaNat did not make stay)";
                action = $"Remove HaNat deployment {plan.Name}, putting back the routes it took ({plan.Steps.Count} steps)";
            }
            if (IsWhatIf)
            {
                if (plan.IsAdded) ShouldProcess(label, action);
                foreach (var step in plan.Steps) ShouldProcess(step.Target, step.Description);
                return;
            }
            if (plan.Steps.Count == 0)
            {
                WriteVerbose($"HaNat deployment {plan.Name}: nothing left to remove or put back.");
                return;
            }
            if (!ShouldProcess(label, action)) return;

            var executor = new TeardownExecutor(session, ec2, autoScaling, iam, ssm, cloudWatch: cloudWatch);
            var activity = "Remove-HaNatVpc " + plan.Name;
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var step = plan.Steps[i];
                WriteProgress(new ProgressRecord(2, activity, step.ToString()) { PercentComplete = i * 100 / plan.Steps.Count });
                try
                {
                    if (!Await(executor.RunAsync(step))) WriteVerbose($"{step}: already gone.");
                }
                catch (HaNatException ex)
                {
                    // Stop at the first failure: later steps depend on earlier ones, and a second run resumes here.
                    WriteProgress(new ProgressRecord(2, activity, "Stopped") { RecordType = ProgressRecordType.Completed });
                    throw new HaNatException(ex.ErrorId, ex.Kind,
                        $"{step} failed after {i} of {plan.Steps.Count} steps: {Sentences.End(ex.Message)} Fix the cause, then run Remove-HaNatVpc -Name {plan.Name} again to finish.", ex)
                    { Target = step.Id };
                }
            }
            WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
