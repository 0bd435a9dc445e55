using System.Collections;
using System.Management.Automation;
using HaNat.Aws.Ec2;
using HaNat.Build;
using HaNat.Install;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Commands
{
    /// <summary>
    /// Puts a HaNat deployment into a VPC HaNat did not build: reads the VPC once, plans per zone the public subnet and
    /// the private tables to serve (<see cref="InstallPlanner"/>), refuses before any write what it cannot do safely,
    /// then tags what it serves (recording each table's previous default target) and builds the same NAT deployment as
    /// New-HaNatVpc, all in one journal that a failure rolls back. It changes no route: each zone's NAT takes its
    /// tables once it has booted and checked itself.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HaNatVpc))]
    public sealed class AddHaNatVpcCommand : NatDeploymentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^vpc-[0-9a-f]+$")]
        public string VpcId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        public string Name { get; set; } = string.Empty;

        /// <summary>Serve only these zones; by default every zone with a table to serve.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.AvailabilityZoneCompleter))]
        public string[] AvailabilityZone { get; set; } = Array.Empty<string>();

        /// <summary>The subnet a zone's NAT launches in, for a zone with several public subnets.</summary>
        [Parameter]
        [ValidatePattern("^subnet-[0-9a-f]+$")]
        public string[] PublicSubnetId { get; set; } = Array.Empty<string>();

        /// <summary>Which zone's NAT serves a table used by subnets of several zones: @{ 'rtb-...' = 'us-east-1a' }.</summary>
        [Parameter]
        public Hashtable? RouteTableZone { get; set; }

        /// <summary>Tables with no default route to serve anyway, by table or subnet id.</summary>
        [Parameter]
        [ValidatePattern("^(rtb|subnet)-[0-9a-f]+$")]
        public string[] IncludeRouteTableId { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Delete the NAT gateways the served tables used, in each zone whose NAT has taken every one of them, and adopt
        /// each gateway's Elastic IP as its zone's address. Never implied: without this switch HaNat deletes no gateway.
        /// </summary>
        [Parameter]
        public SwitchParameter DeleteNatGateway { get; set; }

        protected override void ProcessRecord()
        {
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();

            ExistingVpc vpc = null!;
            InstallPlan plan = null!;
            NatDeploymentLayout? layout = null;
            CheckedImage? image = null;
            try
            {
                var name = CheckInputs();
                vpc = Await(ExistingVpcReader.ReadAsync(new Ec2Reads(ec2, session), VpcId))
                    ?? throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound,
                        $"VPC {VpcId} was not found in {session.Region}. Check the id and -Region.") { Target = VpcId };
                plan = InstallPlanner.Plan(vpc, Request(name));
                if (!plan.AlreadyInstalled)
                {
                    var reads = new NatPreflight(session, ec2, iam, autoScaling, ssm).Start(name, ImageId, KeyName, InstanceType, checkName: true);
                    Await(reads.Settled);
                    image = Await(reads.CheckAsync());
                    layout = PlanDeployment(name, session.Region, plan, image);
                    CheckAlarmNamesFree(session, layout.Alarms, name);
                }
            }
            catch (HaNatException ex)
            {
                Fail(ex, ex.Target ?? VpcId);
            }
            foreach (var warning in layout?.Warnings ?? Array.Empty<string>()) WriteWarning(warning);

            var context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            var writes = new InstallWrites(plan, vpc, session, ec2, context.Journal);
            var deployment = layout == null ? null : new NatDeploymentBuild(layout,
                new NatDeploymentTarget(LateId.Known(plan.VpcId), plan.Zones.Select(z => LateId.Known(z.PublicSubnetId)).ToList()),
                context, image!.RootVolumeSizeGiB);
            var retirement = DeleteNatGateway.IsPresent ? PlanRetirement(plan, vpc, new Ec2Reads(ec2, session)) : null;
            var retire = retirement == null ? null : new GatewayRetirementWrites(retirement, plan.Name, plan.VpcId, session, ec2, context.Journal);
            var steps = writes.Steps.Concat(deployment?.Steps ?? Array.Empty<BuildStep>()).Concat(retire?.Steps ?? Array.Empty<BuildStep>()).ToList();
            foreach (var (gateway, why) in retirement?.Kept ?? Array.Empty<(string, string)>()) WriteWarning($"NAT gateway {gateway} stays: {why}.");

            if (IsWhatIf)
            {
                // The plan: what stays as it is and why, then one line per write; nothing is written.
                foreach (var left in plan.LeftTables) ShouldProcess($"route table {left.TableId} ({string.Join(", ", left.SubnetIds)})", "Leave as it is: " + left.Reason);
                foreach (var step in steps) ShouldProcess(step.Target, step.Action);
                return;
            }
            if (steps.Count == 0)
            {
                WriteVerbose($"HaNat deployment {plan.Name} already serves {plan.VpcId} as planned: nothing to write.");
            }
            else
            {
                var zones = string.Join(", ", plan.Zones.Select(z => z.Zone));
                var deleting = retirement?.Retirements.Count(r => r.NatGatewayId != null) ?? 0;
                var action = $"Add HaNat deployment {plan.Name} ({steps.Count} steps{(deleting > 0 ? $", deleting {deleting} NAT gateway(s) whose zones it serves" : "")})";
                if (!ShouldProcess($"{plan.VpcId} ({zones}; the VPC itself stays as it is)", action)) return;
                foreach (var left in plan.LeftTables) WriteVerbose($"Left as it is: route table {left.TableId}: {left.Reason}.");
                RunSteps(steps, context.Journal, $"Add-HaNatVpc {plan.Name}", plan.Name);
            }
            if (deployment != null) WriteObject(AddedVpc.Describe(plan, vpc, session.Region, deployment, writes));
            // A second run made no deployment: it writes the one there is, as Get-HaNatVpc finds it.
            else WriteObject(Await(FindDeploymentAsync(session, ec2, autoScaling, ssm, plan)));
        }

        private static async Task<HaNatVpc?> FindDeploymentAsync(Aws.AwsSession session, Amazon.EC2.IAmazonEC2 ec2, Aws.AutoScaling.IAutoScalingClient autoScaling,
            Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement ssm, InstallPlan plan)
        {
            var found = await new Inventory.VpcInventoryReader(session, ec2, autoScaling, ssm: ssm)
                .ReadSummariesAsync(name => name == plan.Name).ConfigureAwait(false);
            var inventory = found.FirstOrDefault(i => i.Vpc?.Id == plan.VpcId);
            return inventory == null ? null : Inventory.HaNatVpcAssembler.Assemble(inventory);
        }

        /// <summary>What -DeleteNatGateway may delete: read the deployment's NATs and the zones' addresses, then plan.</summary>
        private GatewayRetirementPlan PlanRetirement(InstallPlan plan, ExistingVpc vpc, Ec2Reads reads)
        {
            var nats = Await(reads.InstancesAsync(new List<Amazon.EC2.Model.Filter>
            {
                Ec2Reads.By("tag:" + Tagging.HaNatTags.ServedBy, plan.Name),
                Ec2Reads.By("vpc-id", plan.VpcId),
                Ec2Reads.By("instance-state-name", "running"),
            }));
            var addresses = Await(reads.AddressesAsync(new List<Amazon.EC2.Model.Filter> { Ec2Reads.By("tag:" + Tagging.HaNatTags.VpcId, plan.VpcId) }));
            return GatewayRetirementPlanner.Plan(plan, vpc, nats, addresses);
        }

        /// <summary>The inputs' form, before any AWS call.</summary>
        private string CheckInputs()
        {
            var name = LayoutInputRules.CheckName(Name);
            LayoutInputRules.CheckImageId(ImageId);
            LayoutInputRules.CheckKeyName(KeyName);
            LayoutInputRules.CheckSshCidr(SshCidr);
            Alarms.AlarmPlanner.CheckAlarmAction(AlarmAction, !NoAlarms.IsPresent);
            if (InstanceType != null) LayoutInputRules.CheckInstanceType(InstanceType, NatArchitecture.Arm64);
            if (AvailabilityZone.Length > 0) LayoutInputRules.CheckZones(AvailabilityZone);
            return name;
        }

        private InstallRequest Request(string name) => new InstallRequest
        {
            Name = name,
            AvailabilityZones = AvailabilityZone,
            PublicSubnetIds = PublicSubnetId,
            IncludeIds = IncludeRouteTableId,
            RouteTableZones = (RouteTableZone ?? new Hashtable()).Cast<DictionaryEntry>()
                .ToDictionary(e => e.Key?.ToString() ?? string.Empty, e => e.Value?.ToString() ?? string.Empty, StringComparer.Ordinal),
        };

        /// <summary>The same deployment New-HaNatVpc makes, forwarding from every block of the VPC, serving what carries hanat:served-by.</summary>
        private NatDeploymentLayout PlanDeployment(string name, string region, InstallPlan plan, CheckedImage image)
        {
            var blocks = plan.CidrBlocks.Select(b => Ipv4Block.TryParse(b)!).ToList();
            return NatDeploymentPlanner.Plan(new NatDeploymentRequest
            {
                Name = name,
                Region = region,
                VpcCidrBlocks = blocks,
                ForwardedRanges = blocks,
                ForwardedRangesDescription = "the VPC",
                AvailabilityZones = plan.Zones.Select(z => z.Zone).ToList(),
                ServedBy = name,
                Nat = new NatInputs
                {
                    Architecture = image.Architecture,
                    InstanceType = InstanceType,
                    ImageId = image.ImageId,
                    KeyName = KeyName,
                    SshCidr = SshCidr,
                    RootDeviceName = image.RootDeviceName,
                    Spot = Spot.IsPresent,
                    AlarmAction = AlarmAction,
                    Alarms = !NoAlarms.IsPresent,
                },
            });
        }
    }
}
