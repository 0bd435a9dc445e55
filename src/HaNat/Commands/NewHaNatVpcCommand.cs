using System.Management.Automation;
using HaNat.Build;
using HaNat.Model;
using HaNat.Network;

namespace HaNat.Commands
{
    /// <summary>
    /// Builds a HaNat VPC: checks every input against AWS before the first write, then creates the planned resources
    /// in dependency order with a journal, and on any failure deletes what it created, last first, and reports the
    /// original error.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ZoneCountSet)]
    [OutputType(typeof(HaNatVpc))]
    public sealed class NewHaNatVpcCommand : NatDeploymentCmdlet
    {
        private const string ZoneCountSet = "ZoneCount";
        private const string ZoneNameSet = "AvailabilityZone";

        [Parameter(Mandatory = true, Position = 0)]
        public string Name { get; set; } = string.Empty;

        /// <summary>A CIDR block (10.20.0.0/16, /16 to /24) or the original tool's two octets ('10.20').</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Cidr", "Octets")]
        public string CidrBlock { get; set; } = string.Empty;

        /// <summary>How many of the region's available zones to use, in name order (fewer if the region has fewer).</summary>
        [Parameter(ParameterSetName = ZoneCountSet)]
        [ValidateRange(1, SubnetCarving.MaxZones)]
        public int ZoneCount { get; set; } = 3;

        [Parameter(Mandatory = true, ParameterSetName = ZoneNameSet)]
        [ArgumentCompleter(typeof(Completion.AvailabilityZoneCompleter))]
        public string[] AvailabilityZone { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();

            PreflightResult preflight = null!;
            try
            {
                preflight = Await(new BuildPreflight(session, ec2, iam, autoScaling, ssm).RunAsync(new BuildRequest
                {
                    Name = Name,
                    CidrBlock = CidrBlock,
                    AvailabilityZones = ParameterSetName == ZoneNameSet ? AvailabilityZone : null,
                    ZoneCount = ZoneCount,
                    ImageId = ImageId,
                    KeyName = KeyName,
                    InstanceType = InstanceType,
                    SshCidr = SshCidr,
                    Spot = Spot.IsPresent,
                    AlarmAction = AlarmAction,
                    Alarms = !NoAlarms.IsPresent,
                }));
                CheckAlarmNamesFree(session, preflight.Layout.Deployment.Alarms, preflight.Layout.Name);
            }
            catch (HaNatException ex)
            {
                Fail(ex, Name);
            }
            var layout = preflight.Layout;
            foreach (var warning in layout.Warnings) WriteWarning(warning);

            var build = new VpcBuild(layout, session, ec2, iam, autoScaling, ssm, preflight.RootVolumeSizeGiB);
            if (IsWhatIf)
            {
                // The plan, one line per write, and nothing else.
                foreach (var step in build.Steps) ShouldProcess(step.Target, step.Action);
                return;
            }
            var zones = string.Join(", ", layout.Zones.Select(z => z.AvailabilityZone));
            if (!ShouldProcess($"{layout.Name} ({layout.Cidr} in {zones})", $"Create a HaNat VPC ({build.Steps.Count} steps)")) return;

            RunSteps(build.Steps, build.Journal, $"New-HaNatVpc {layout.Name}", Name);
            WriteObject(build.Result());
        }
    }
}
