using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using HaNat.Aws;
using HaNat.Build;
using HaNat.Model;
using HaNat.Update;

namespace HaNat.Commands
{
    /// <summary>Update-HaNatVpc's rollout: the launch template version and the group, then each zone's NAT replaced, make-before-break, with its progress, and what stops it.</summary>
    public sealed partial class UpdateHaNatVpcCommand
    {
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
