using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using HaNat.Aws;
using HaNat.Build;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Tagging;
using HaNat.Update;

namespace HaNat.Commands
{
    /// <summary>
    /// Changes the image (by default the newest HaNat image of the deployment's architecture), the instance type or
    /// the key pair of a HaNat VPC's NATs, built or added: a new launch template version, then a rolling,
    /// make-before-break replacement, one zone at a time. The new NAT boots, passes its own data-plane check and takes
    /// its zone (its boot takeover); only then is the old NAT terminated through the group. A new NAT that does not
    /// take its zone is terminated and the rollout stops, that zone still on its old NAT. It also brings what HaNat
    /// made around the NATs up to this version (<see cref="UpgradePlan"/>): the NATs' role's policy first (the new NATs
    /// need it), and the missing CloudWatch alarms last (once the NATs run an image that publishes their metrics).
    /// </summary>
    [Cmdlet(VerbsData.Update, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = KeepPurchaseSet)]
    [OutputType(typeof(HaNatZoneUpdate))]
    public sealed partial class UpdateHaNatVpcCommand : HaNatCmdlet
    {
        private const string KeepPurchaseSet = "KeepPurchaseOption";
        private const string SpotSet = "Spot";
        private const string OnDemandSet = "OnDemand";

        /// <summary>How often the routes are read while a new NAT takes its zone.</summary>
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

        /// <summary>How many route polls between two reads of the new NAT's state in EC2 and in the group.</summary>
        private const int HealthEveryPolls = 10;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.VpcNameCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>The NATs' new image; by default the newest HaNat image of the instance type's architecture.</summary>
        [Parameter]
        public string? ImageId { get; set; }

        [Parameter]
        public string? InstanceType { get; set; }

        /// <summary>The key pair the NATs take SSH keys from; '' for none. Left as it is when not given.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? KeyName { get; set; }

        /// <summary>How long a new NAT has to take its zone, from its launch, before the rollout stops.</summary>
        [Parameter]
        [ValidateRange(10, 3600)]
        public int ZoneTimeoutSeconds { get; set; } = 600;

        /// <summary>
        /// Moves the NATs to spot: the group gets New-HaNatVpc -Spot's mixed instances policy, then the rollout replaces
        /// every on-demand NAT beyond the one that stays (with two zones or more) by a spot NAT.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = SpotSet)]
        public SwitchParameter Spot { get; set; }

        /// <summary>Moves the NATs back to on-demand: the group loses its mixed instances policy, and every spot NAT is replaced.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OnDemandSet)]
        public SwitchParameter OnDemand { get; set; }

        /// <summary>
        /// The ARN of an SNS topic the alarms Update-HaNatVpc makes (those a deployment made before them lacks) notify.
        /// </summary>
        [Parameter]
        public string? AlarmAction { get; set; }

        /// <summary>Makes no CloudWatch alarms, and records it on the NATs' role so that later updates make none either.</summary>
        [Parameter]
        public SwitchParameter NoAlarms { get; set; }

        /// <summary>Rolls without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                Update();
            }
            catch (HaNatException ex)
            {
                Report(ex, Name);
            }
        }

        private void Update()
        {
            LayoutInputRules.CheckName(Name);
            var imageId = LayoutInputRules.CheckImageId(ImageId);
            var keyName = KeyName == null || KeyName.Length == 0 ? KeyName : LayoutInputRules.CheckKeyName(KeyName);
            var alarmAction = Alarms.AlarmPlanner.CheckAlarmAction(AlarmAction, !NoAlarms.IsPresent);
            var session = GetSession();
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            using var cloudWatch = session.CreateCloudWatchClient();

            var read = Await(new UpdateReader(session, ec2, autoScaling, ssm).ReadAsync(Name));
            if (read == null)
            {
                throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound,
                    $"There is no HaNat VPC named '{Name}' in {session.Region}. Check the name and -Region; Get-HaNatVpc lists the HaNat VPCs.")
                { Target = Name };
            }
            var snapshot = read.Snapshot;
            var current = snapshot.Template?.Settings;
            var instanceType = InstanceType?.Trim() ?? current?.InstanceType;
            if (instanceType != null && InstanceType != null) LayoutInputRules.CheckInstanceType(instanceType, NatInstanceTypes.GuessArchitecture(instanceType));
            // The image: the one named, or the newest HaNat image that runs on the instance type; checked as
            // New-HaNatVpc checks it (it exists, it runs on the type). A new key pair must exist.
            var checkedKey = keyName != null && keyName.Length > 0 && keyName != current?.KeyName ? keyName : null;
            var preflight = new NatPreflight(session, ec2, iam, autoScaling, ssm).Start(Name, imageId, checkedKey, instanceType, checkName: false);
            Await(preflight.Settled);
            var image = Await(preflight.CheckAsync());
            if (KeyName != null && KeyName.Length == 0 && current?.KeyName != null)
            {
                // A new version inherits from the default one everything it does not state, the key pair included;
                // EC2 has no way to state "no key" there.
                throw new HaNatException("KeyPairRemovalNotSupported", HaNatErrorKind.InvalidArgument,
                    $"Update-HaNatVpc cannot take the key pair {current.KeyName} off HaNat VPC '{Name}': a new launch template version inherits it. " +
                    "Leave -KeyName out to keep it; to run the NATs without one, remove the key pair's public key from the NATs' image, or rebuild the deployment without -KeyName.")
                { Target = Name };
            }
            var desired = new LaunchSettings(image.ImageId, instanceType ?? string.Empty, KeyName == null ? current?.KeyName : keyName);
            var plan = UpdatePlanner.Plan(snapshot, desired, Spot.IsPresent ? true : OnDemand.IsPresent ? false : (bool?)null);
            if (Alarms.AlarmPlanner.RegionWarning(alarmAction, session.Region) is string alarmWarning) WriteWarning(alarmWarning);
            var upgrader = new DeploymentUpgrader(session, iam, cloudWatch);
            var role = new NatRoleLayout(Name, session.Region, snapshot.IsAdded ? PrivateSubnetTag.ServedBy(Name) : null);
            var wantedAlarms = Alarms.AlarmPlanner.Plan(Name, snapshot.Zones.Select(z => z.Zone), alarmAction);
            var upgrade = Await(upgrader.PlanAsync(Name, snapshot.VpcId, role, wantedAlarms, NoAlarms.IsPresent));

            var label = $"HaNat VPC '{Name}' ({snapshot.VpcId})";
            if (plan.IsEmpty && upgrade.IsEmpty)
            {
                // Said on the host, not as an error: a scheduled run after an image build that found nothing new is a success.
                WriteInformation(new HostInformationMessage
                {
                    Message = $"{label}: every NAT runs launch template version {plan.TargetVersion.ToString(CultureInfo.InvariantCulture)} ({plan.Current}){(plan.Spot != null ? " on spot" : string.Empty)}, which has the settings asked for; nothing to do.",
                }, new[] { "PSHOST" });
                return;
            }
            var steps = upgrade.DescribeRole().Concat(plan.IsEmpty ? Array.Empty<(string, string)>() : UpdatePlanner.Describe(plan)).Concat(upgrade.DescribeAlarms());
            if (IsWhatIf)
            {
                foreach (var (target, action) in steps) ShouldProcess(target, action);
                return;
            }
            if (plan.IsEmpty)
            {
                // The NATs have the settings asked for: only what HaNat made around them changes.
                if (!Force && !ShouldProcess(label, UpgradeSummary(upgrade, rollout: null))) return;
                Upgrade(upgrader, upgrade, snapshot.VpcId, roll: null);
                return;
            }
            var purchase = plan.SwitchesPurchase ? (plan.Spot != null ? "Run the NATs on spot, then " : "Run every NAT on-demand, then ") : string.Empty;
            var summary = purchase + (plan.CreatesVersion ? $"Launch template version {plan.TargetVersion.ToString(CultureInfo.InvariantCulture)} ({string.Join("; ", plan.Changes)}), then replace" : (purchase.Length > 0 ? "replace" : "Replace")) +
                $" the NATs of {plan.Replacements.Count} zone(s), one at a time, make-before-break: {string.Join(", ", plan.Replacements.Select(r => r.Zone))}";
            if (!Force && !ShouldProcess(label, UpgradeSummary(upgrade, summary))) return;

            Upgrade(upgrader, upgrade, snapshot.VpcId, () => Roll(session, plan, image, read));
        }
    }
}
