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
    public sealed class UpdateHaNatVpcCommand : HaNatCmdlet
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

        /// <summary>The confirmation's text: the role's change, then the rollout, then the alarms.</summary>
        private static string UpgradeSummary(UpgradePlan upgrade, string? rollout)
        {
            var parts = new List<string>();
            if (upgrade.PutsPolicy) parts.Add($"Put this HaNat version's NAT policy on the role {upgrade.Role.RoleName}");
            if (upgrade.RecordsNoAlarms) parts.Add($"record -NoAlarms on the role {upgrade.Role.RoleName}");
            if (rollout != null) parts.Add(rollout);
            if (upgrade.MissingAlarms.Count > 0) parts.Add($"create {upgrade.MissingAlarms.Count} CloudWatch alarm(s) the deployment lacks ({upgrade.MissingAlarms[0].Name}, ...)");
            var text = string.Join(", then ", parts);
            return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
        }

        /// <summary>
        /// The role first (a new NAT of the rollout needs this version's policy), the rollout, the alarms last: made only
        /// once every NAT runs the new image, since an older one publishes no metrics and its zone's served-by-peer alarm
        /// would fire. A rollout that stops leaves them for the next run.
        /// </summary>
        private void Upgrade(DeploymentUpgrader upgrader, UpgradePlan upgrade, string vpcId, Action? roll)
        {
            if (upgrade.ChangesRole)
            {
                Await(upgrader.ChangeRoleAsync(upgrade));
                foreach (var (target, action) in upgrade.DescribeRole()) WriteHost($"{target}: {action}: done");
            }
            roll?.Invoke();
            if (upgrade.MissingAlarms.Count > 0)
            {
                var made = Await(upgrader.CreateAlarmsAsync(upgrade, vpcId));
                WriteHost($"CloudWatch alarms made: {string.Join(", ", made)}");
            }
        }

        private void WriteHost(string text) => WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });

        private void Roll(AwsSession session, UpdatePlan plan, CheckedImage image, UpdateReader.Result read)
        {
            using var ec2 = session.CreateEc2Client();
            using var autoScaling = session.CreateAutoScalingClient();
            var rollout = new Rollout(session, ec2, autoScaling);
            // What undoes a half-done zone, or puts MaxSize back, runs on a session of its own that Ctrl+C does not
            // cancel: a stopped pipeline must not leave a second NAT in a zone or the group's MaxSize raised.
            var cleanupSession = new AwsSession(session.Credentials, session.Region, session.ExplicitEndpointUrl, session.Log, CancellationToken.None);
            using var cleanupEc2 = cleanupSession.CreateEc2Client();
            using var cleanupAutoScaling = cleanupSession.CreateAutoScalingClient();
            var cleanup = new Rollout(cleanupSession, cleanupEc2, cleanupAutoScaling);

            var activity = $"Update-HaNatVpc {plan.Name}";
            var version = plan.TargetVersion;
            if (plan.CreatesVersion)
            {
                WriteProgress(new ProgressRecord(3, activity, $"Launch template version {version}: {string.Join("; ", plan.Changes)}"));
                version = Await(rollout.CreateVersionAsync(plan, image, read.TemplateData));
            }
            if (plan.UpdatesGroupLaunch)
            {
                WriteProgress(new ProgressRecord(3, activity, plan.Spot == null ? "The group: every NAT on-demand" : $"The group: {plan.Spot}"));
                Await(rollout.UpdateGroupLaunchAsync(plan));
            }
            var raised = false;
            var done = new List<HaNatZoneUpdate>();
            try
            {
                if (plan.RaiseMaxSizeTo is int raise)
                {
                    Await(rollout.SetMaxSizeAsync(plan.Group.Name, raise));
                    raised = true;
                }
                for (var i = 0; i < plan.Replacements.Count; i++)
                {
                    var zone = plan.Replacements[i];
                    var progress = new ProgressRecord(3, activity, $"{zone.Zone} ({i + 1} of {plan.Replacements.Count}): replacing {zone.OldInstanceId}")
                    { PercentComplete = i * 100 / plan.Replacements.Count };
                    WriteProgress(progress);
                    var result = RollZone(rollout, cleanup, plan, zone, version, read, progress, done);
                    done.Add(result);
                    WriteObject(result);
                }
            }
            finally
            {
                if (raised) Undo(cleanup).PutMaxSizeBack(plan.Group);
                WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>One zone, make-before-break: launch, attach, wait for the zone's tables, terminate the old NAT.</summary>
        private HaNatZoneUpdate RollZone(Rollout rollout, Rollout cleanup, UpdatePlan plan, ZoneReplacement zone, long version,
            UpdateReader.Result read, ProgressRecord progress, IReadOnlyList<HaNatZoneUpdate> done)
        {
            var clock = Stopwatch.StartNew();
            var timeout = TimeSpan.FromSeconds(ZoneTimeoutSeconds);
            var newId = Await(rollout.LaunchAsync(plan, zone, version, read.TemplateData));
            var attached = false;
            var finished = false;
            try
            {
                // The group takes only a running instance.
                for (var state = Await(rollout.InstanceStateAsync(newId)); state != "running"; state = Await(rollout.InstanceStateAsync(newId)))
                {
                    if (state != "pending") throw Stop(plan, zone, newId, $"went {state} before it ran", done, version);
                    if (clock.Elapsed > timeout) throw Stop(plan, zone, newId, $"was still pending after {ZoneTimeoutSeconds} s", done, version);
                    Pause();
                }
                Await(rollout.AttachAsync(plan.Group.Name, newId));
                attached = true;

                for (var poll = 1; ; poll++)
                {
                    var routes = Await(rollout.RouteInstancesAsync(zone.TableIds));
                    var taken = routes.Count(r => r.Value == newId);
                    if (taken == zone.TableIds.Count) break;
                    if (poll % HealthEveryPolls == 0)
                    {
                        var member = Await(rollout.GroupMemberAsync(plan.Group.Name, newId));
                        if (member == null) throw Stop(plan, zone, newId, "left the group", done, version);
                        if (!string.Equals(member.Value.HealthStatus, "Healthy", StringComparison.OrdinalIgnoreCase))
                            throw Stop(plan, zone, newId, $"was marked {member.Value.HealthStatus} by the group", done, version);
                        if (member.Value.LifecycleState.StartsWith("Terminat", StringComparison.Ordinal))
                            throw Stop(plan, zone, newId, $"is {member.Value.LifecycleState} in the group", done, version);
                        var state = Await(rollout.InstanceStateAsync(newId));
                        if (state != "running") throw Stop(plan, zone, newId, $"stopped running ({state})", done, version);
                    }
                    if (clock.Elapsed > timeout)
                        throw Stop(plan, zone, newId, $"did not take the zone within {ZoneTimeoutSeconds} s ({taken} of {zone.TableIds.Count} route tables)", done, version);
                    progress.StatusDescription = $"{zone.Zone}: waiting for {newId} to take {zone.TableIds.Count - taken} of {zone.TableIds.Count} route tables ({(int)clock.Elapsed.TotalSeconds} s)";
                    WriteProgress(progress);
                    Pause();
                }
                // The zone is the new NAT's: the old one goes, through the group, which counts it as leaving.
                Await(rollout.TerminateInGroupAsync(zone.OldInstanceId, Cancellation));
                finished = true;
                return new HaNatZoneUpdate(plan.Name, zone.Zone, zone.OldInstanceId, newId, version, Math.Round(clock.Elapsed.TotalSeconds, 1));
            }
            finally
            {
                if (!finished) Undo(cleanup).TakeBackZone(plan.Group.Name, zone, newId, attached);
            }
        }

        private HaNatException Stop(UpdatePlan plan, ZoneReplacement zone, string newId, string why, IReadOnlyList<HaNatZoneUpdate> done, long version)
        {
            var replaced = done.Count == 0 ? "No zone was replaced" : $"Replaced before it: {string.Join(", ", done.Select(d => d.ToString()))}";
            var text = version.ToString(CultureInfo.InvariantCulture);
            return new HaNatException("RolloutStopped", HaNatErrorKind.OperationStopped,
                $"Update-HaNatVpc stopped at {zone.Zone}: the new NAT {newId} {why}. It is terminated, and {zone.Zone} stays on its old NAT {zone.OldInstanceId}; " +
                $"every zone is served. {replaced}. Look at the new NAT's takeover log for why (journalctl -u hanat-takeover on it, or its console output). " +
                $"Launch template version {text} stays the default: run Update-HaNatVpc -Name {plan.Name} again to resume with the NATs not yet replaced.")
            { Target = zone.Zone };
        }

        private RolloutUndo Undo(Rollout cleanup) => new RolloutUndo(cleanup, PollInterval, TryWriteWarning, TryFlush);

        private void Pause()
        {
            if (Cancellation.WaitHandle.WaitOne(PollInterval)) throw new PipelineStoppedException();
        }

        private void TryFlush()
        {
            try { FlushCallLog(); } catch (PipelineStoppedException) { } catch (InvalidOperationException) { }
        }

        private void TryWriteWarning(string text)
        {
            try { WriteWarning(text); } catch (PipelineStoppedException) { } catch (InvalidOperationException) { }
        }
    }
}
