using System.IO;
using System.Management.Automation;
using System.Text;
using HaNat.CloudFormation;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;

namespace HaNat.Commands
{
    /// <summary>
    /// Writes the HaNat VPC that New-HaNatVpc would build as a CloudFormation template: to the pipeline, or with -Path
    /// to a file. No AWS call is made; the inputs are checked as New-HaNatVpc checks them. -Name and -CidrBlock are
    /// the defaults of the template's Name and VpcOctets (VpcCidr) parameters; without them the stack asks for both.
    /// With -ExistingVpc it writes the NAT deployment alone, for a VPC HaNat did not build (<see cref="ExistingVpcTemplate"/>).
    /// </summary>
    [Cmdlet(VerbsData.Export, "HaNatTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ZoneCountSet)]
    [OutputType(typeof(string))]
    public sealed class ExportHaNatTemplateCommand : PSCmdlet
    {
        private const string ZoneCountSet = "ZoneCount";
        private const string ZoneNameSet = "AvailabilityZone";
        private const string ExistingVpcSet = "ExistingVpc";
        private const string ExistingVpcZoneNameSet = "ExistingVpcAvailabilityZone";

        /// <summary>The Name parameter's default; without it the parameter has none.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>
        /// A CIDR block (10.20.0.0/16, /16 to /24) or the original tool's two octets ('10.20'): the VpcOctets (or, not a
        /// /16, VpcCidr) parameter's default. Without it the template takes any /16 through VpcOctets, with no default.
        /// </summary>
        [Parameter(Position = 1, ParameterSetName = ZoneCountSet)]
        [Parameter(Position = 1, ParameterSetName = ZoneNameSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Cidr", "Octets")]
        public string? CidrBlock { get; set; }

        /// <summary>How many of the region's zones the stack spans (Fn::GetAZs), 1 to 6.</summary>
        [Parameter(ParameterSetName = ZoneCountSet)]
        [Parameter(ParameterSetName = ExistingVpcSet)]
        public int ZoneCount { get; set; } = 3;

        /// <summary>
        /// Zone names to pin the template to instead of the region's first zones; with -ExistingVpc, the defaults of
        /// the AvailabilityZone parameters.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ZoneNameSet)]
        [Parameter(Mandatory = true, ParameterSetName = ExistingVpcZoneNameSet)]
        [ArgumentCompleter(typeof(Completion.AvailabilityZoneCompleter))]
        public string[] AvailabilityZone { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The NAT deployment alone, for a VPC HaNat did not build: the VPC, its blocks, and per zone the zone, the
        /// public subnet and the private route tables are the template's parameters.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ExistingVpcSet)]
        [Parameter(Mandatory = true, ParameterSetName = ExistingVpcZoneNameSet)]
        public SwitchParameter ExistingVpc { get; set; }

        /// <summary>The KeyName parameter's default; empty means no key pair.</summary>
        [Parameter]
        public string? KeyName { get; set; }

        /// <summary>The ImageId parameter's default; without it the stack asks for an image.</summary>
        [Parameter]
        public string? ImageId { get; set; }

        /// <summary>The InstanceType parameter's default; by default a small type of <see cref="Architecture"/>.</summary>
        [Parameter]
        public string? InstanceType { get; set; }

        [Parameter]
        public NatArchitecture Architecture { get; set; } = NatArchitecture.Arm64;

        /// <summary>Where SSH may come from; no SSH rule without it.</summary>
        [Parameter]
        public string? SshCidr { get; set; }

        /// <summary>
        /// NATs on spot, as New-HaNatVpc -Spot makes them: the group's mixed instances policy (the InstanceType
        /// parameter first, and while it is still the type given here, that type's peers), one NAT on-demand with two
        /// zones or more, capacity rebalancing.
        /// </summary>
        [Parameter]
        public SwitchParameter Spot { get; set; }

        /// <summary>The AlarmAction parameter's default: the SNS topic the alarms notify (the stack may be given another, or empty).</summary>
        [Parameter]
        public string? AlarmAction { get; set; }

        /// <summary>A template without the CloudWatch alarms (and without the AlarmAction parameter).</summary>
        [Parameter]
        public SwitchParameter NoAlarms { get; set; }

        /// <summary>Write the template to this file instead of the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Overwrite -Path if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            var text = ExistingVpc.IsPresent ? RenderForExistingVpc() : RenderWithVpc();
            if (text == null) return;
            if (Path == null)
            {
                WriteObject(text);
                return;
            }
            WriteFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), text);
        }

        private string? RenderWithVpc()
        {
            var zonesFromRegion = ParameterSetName == ZoneCountSet;
            VpcLayout layout;
            try
            {
                layout = VpcLayoutPlanner.Plan(new VpcLayoutRequest
                {
                    Name = Name ?? TemplateDefaults.PlaceholderName,
                    CidrBlock = CidrBlock ?? TemplateDefaults.PlaceholderCidr,
                    AvailabilityZones = zonesFromRegion ? TemplateZones.Placeholders(Math.Max(0, ZoneCount)) : AvailabilityZone,
                    Architecture = Architecture,
                    InstanceType = InstanceType,
                    ImageId = ImageId,
                    KeyName = KeyName,
                    SshCidr = SshCidr,
                    Spot = Spot.IsPresent,
                    AlarmAction = AlarmAction,
                    Alarms = !NoAlarms.IsPresent,
                });
            }
            catch (HaNatException ex)
            {
                Refuse(ex);
                return null;
            }
            foreach (var warning in layout.Warnings) WriteWarning(warning);

            var defaults = new TemplateDefaults(name: Name != null, cidr: CidrBlock != null);
            return CloudFormationTemplate.Render(layout, zonesFromRegion ? TemplateZones.OfRegion : TemplateZones.AsPlanned, defaults);
        }

        /// <summary>
        /// The deployment alone, planned as Add-HaNatVpc plans it but with stand-ins for what the stack is given: the
        /// VPC's block (<see cref="ExistingVpcTemplate.PlaceholderVpcCidr"/>) and, without -AvailabilityZone, the zones.
        /// </summary>
        private string? RenderForExistingVpc()
        {
            var zonesNamed = ParameterSetName == ExistingVpcZoneNameSet;
            NatDeploymentLayout deployment;
            try
            {
                var vpcBlocks = new[] { ExistingVpcTemplate.PlaceholderVpcCidr };
                deployment = NatDeploymentPlanner.Plan(new NatDeploymentRequest
                {
                    Name = Name ?? TemplateDefaults.PlaceholderName,
                    AvailabilityZones = zonesNamed ? AvailabilityZone : TemplateZones.Placeholders(Math.Max(0, ZoneCount)),
                    VpcCidrBlocks = vpcBlocks,
                    ForwardedRanges = vpcBlocks,
                    // The NATs carry hanat:served-by=<Name> and serve the subnets tagged so, as Add-HaNatVpc's do.
                    ServedBy = TemplateContext.NameVariable,
                    Nat = new NatInputs
                    {
                        Architecture = Architecture,
                        InstanceType = InstanceType,
                        ImageId = ImageId,
                        KeyName = KeyName,
                        SshCidr = SshCidr,
                        Spot = Spot.IsPresent,
                        AlarmAction = AlarmAction,
                        Alarms = !NoAlarms.IsPresent,
                    },
                });
            }
            catch (HaNatException ex)
            {
                Refuse(ex);
                return null;
            }
            foreach (var warning in deployment.Warnings) WriteWarning(warning);
            return ExistingVpcTemplate.Render(deployment, new TemplateDefaults(name: Name != null, cidr: false), zonesNamed ? AvailabilityZone : null);
        }

        private void WriteFile(string path, string text)
        {
            // Refused before anything is written, -WhatIf or not: a folder is never the file (as Out-File refuses
            // one), a missing folder is not made, and an existing file is kept unless -Force.
            if (Directory.Exists(path))
            {
                Refuse(new HaNatException("PathIsDirectory", HaNatErrorKind.InvalidArgument,
                    $"{path} is a folder. -Path names the template's file: for example {System.IO.Path.Combine(path, (Name ?? "hanat") + ".json")}.") { Target = path });
            }
            var folder = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                Refuse(new HaNatException("FolderNotFound", HaNatErrorKind.ObjectNotFound,
                    $"The folder {folder} does not exist. Create it first, or choose another -Path.") { Target = path });
            }
            if (File.Exists(path) && !Force.IsPresent)
            {
                Refuse(new HaNatException("FileExists", HaNatErrorKind.ResourceExists,
                    $"{path} already exists. Pass -Force to overwrite it, or choose another -Path.") { Target = path });
            }
            if (!ShouldProcess(path, "Write the HaNat CloudFormation template")) return;
            try
            {
                // UTF-8 without a byte order mark: what the AWS CLI and cfn-lint read.
                File.WriteAllText(path, text, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "TemplateWriteFailed", ErrorCategory.WriteError, path));
            }
        }

        private void Refuse(HaNatException ex) =>
            ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, HaNatCmdlet.CategoryOf(ex.Kind), ex.Target));
    }
}
