using System.Management.Automation;
using HaNat.Aws;
using HaNat.Inventory;
using HaNat.Model;
using HaNat.Status;

namespace HaNat.Commands
{
    /// <summary>
    /// Lists the HaNat VPCs of the region, or the one named, as the objects New-HaNatVpc returns. One round of
    /// describe calls answers for every VPC, however many there are. With -Status, the live state instead: one
    /// HaNatZoneStatus per zone, from EC2, Auto Scaling and the NATs' CloudWatch metrics.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HaNatVpc", DefaultParameterSetName = VpcSet)]
    [OutputType(typeof(HaNatVpc), ParameterSetName = new[] { VpcSet })]
    [OutputType(typeof(HaNatZoneStatus), ParameterSetName = new[] { StatusSet })]
    public sealed class GetHaNatVpcCommand : HaNatCmdlet
    {
        /// <summary>The name, or a wildcard pattern ('pr*'), matched without regard to case.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotEmptyUnlessNull]
        [ArgumentCompleter(typeof(Completion.VpcNameCompleter))]
        public string? Name { get; set; }

        /// <summary>The live state per zone (HaNatZoneStatus) instead of the VPC's parts.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
        public SwitchParameter Status { get; set; }

        private const string VpcSet = "Vpc";
        private const string StatusSet = "Status";

        protected override void ProcessRecord()
        {
            try
            {
                if (Status)
                {
                    WriteStatus();
                    return;
                }
                var session = GetSession();
                using var ec2 = session.CreateEc2Client();
                using var autoScaling = session.CreateAutoScalingClient();
                using var ssm = session.CreateSsmClient();
                // As Get-Process -Name: wildcards, and no regard to case (IAM names ignore it, so two HaNat VPCs never
                // differ only in case). A pattern that matches nothing is no error; a plain name that does is.
                var pattern = Pattern();
                var inventories = Await(new VpcInventoryReader(session, ec2, autoScaling, ssm: ssm).ReadSummariesAsync(pattern == null ? null : pattern.IsMatch));
                if (Name != null && inventories.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    ReportNotFound(session);
                    return;
                }
                foreach (var inventory in inventories) WriteObject(HaNatVpcAssembler.Assemble(inventory));
            }
            catch (HaNatException ex)
            {
                Report(ex, Name);
            }
        }

        private WildcardPattern? Pattern() =>
            Name == null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);

        private void ReportNotFound(AwsSession session) =>
            Report(new HaNatException("HaNatVpcNotFound", HaNatErrorKind.ObjectNotFound,
                $"No HaNat VPC is named '{Name}' in {session.Region}. Get-HaNatVpc with no name lists them all; check -Region.") { Target = Name });

        /// <summary>
        /// One HaNatZoneStatus per zone of each VPC. EC2 and Auto Scaling must answer; CloudWatch need not: without it
        /// a warning says so, and the zones show what EC2 says, with Since and the NATs' self-check unknown.
        /// </summary>
        private void WriteStatus()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            using var cloudWatch = session.CreateCloudWatchClient(StatusMetricsReader.Bounds);
            var pattern = Pattern();
            var (vpcs, problem) = Await(new StatusReader(session, ec2, autoScaling, ssm, cloudWatch)
                .ReadAsync(pattern == null ? null : pattern.IsMatch, DateTime.UtcNow));
            if (Name != null && vpcs.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                ReportNotFound(session);
                return;
            }
            if (problem != null)
            {
                WriteWarning($"{problem}. The status shows what EC2 and Auto Scaling say: Since and the NATs' self-check are unknown. " +
                    "Check that the caller may call cloudwatch:GetMetricData (the Operator policy allows it) and that CloudWatch is reachable.");
            }
            else
            {
                foreach (var vpc in vpcs.Where(v => !v.Metrics.Any))
                {
                    WriteWarning($"No metrics from the NATs of '{vpc.Name}' in the last {StatusMetricQueries.Window.TotalMinutes:0} minutes " +
                        "(CloudWatch namespace HaNat): the status shows what EC2 and Auto Scaling say; Since and the NATs' self-check are unknown.");
                }
            }
            foreach (var vpc in vpcs)
            {
                foreach (var zone in ZoneStatusAssembler.Assemble(vpc)) WriteObject(zone);
            }
        }
    }
}
