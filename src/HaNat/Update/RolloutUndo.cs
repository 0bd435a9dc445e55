using System.Diagnostics;
using HaNat.Build;

namespace HaNat.Update
{
    /// <summary>
    /// What Update-HaNatVpc puts back when a rollout stops, on a session the user's Ctrl+C does not cancel: the zone
    /// on its old NAT and the new NAT terminated, or the group's MaxSize as it was. Never throws: what it cannot put
    /// back, it says in a warning with the command to do it by hand.
    /// </summary>
    internal sealed class RolloutUndo(Rollout cleanup, TimeSpan pollInterval, Action<string> warn, Action flush)
    {
        /// <summary>How long a new NAT still pending when the rollout stops has to reach running, to be terminated through the group.</summary>
        private static readonly TimeSpan UnattachedGrace = TimeSpan.FromMinutes(3);

        /// <summary>
        /// The zone goes back to its old NAT, whatever stopped the rollout: each table the new NAT took points at the
        /// old one again, and the new NAT is terminated (through the group, lowering its desired capacity, once it is in it).
        /// </summary>
        public void TakeBackZone(string groupName, ZoneReplacement zone, string newId, bool attached)
        {
            try
            {
                var routes = cleanup.RouteInstancesAsync(zone.TableIds).GetAwaiter().GetResult();
                foreach (var table in routes.Where(r => r.Value == newId)) cleanup.PutBackRouteAsync(table.Key, zone.OldInstanceId).GetAwaiter().GetResult();
                if (!attached && !AttachWhenRunning(groupName, newId)) return;
                cleanup.TerminateInGroupAsync(newId, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (HaNatException ex)
            {
                warn($"Could not take {zone.Zone} back to {zone.OldInstanceId} and terminate the new NAT {newId}: {Sentences.End(ex.Message)} " +
                    $"Check {zone.Zone}'s route tables ({string.Join(", ", zone.TableIds)}) and terminate {newId} if it is still running.");
            }
            finally
            {
                flush();
            }
        }

        /// <summary>
        /// A new NAT that stopped the rollout before it joined the group joins it now, to be terminated through it (the
        /// Operator policy terminates instances only through HaNat's group): false when it is gone already, or when it
        /// does not reach running in time, which a warning names.
        /// </summary>
        private bool AttachWhenRunning(string groupName, string newId)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var state = cleanup.InstanceStateAsync(newId).GetAwaiter().GetResult();
                if (state == "running") break;
                if (state == "terminated" || state == "shutting-down") return false;
                if (state != "pending" || clock.Elapsed > UnattachedGrace)
                {
                    warn($"The new NAT {newId} is {state} and not in the group, so Update-HaNatVpc cannot terminate it through the group: terminate it (Remove-EC2Instance -InstanceId {newId}).");
                    return false;
                }
                Thread.Sleep(pollInterval);
            }
            cleanup.AttachAsync(groupName, newId).GetAwaiter().GetResult();
            return true;
        }

        public void PutMaxSizeBack(GroupState group)
        {
            try
            {
                cleanup.SetMaxSizeAsync(group.Name, group.MaxSize).GetAwaiter().GetResult();
            }
            catch (HaNatException ex)
            {
                warn($"Could not put the MaxSize of {group.Name} back to {group.MaxSize}: {Sentences.End(ex.Message)} Set it back with Update-ASAutoScalingGroup -AutoScalingGroupName {group.Name} -MaxSize {group.MaxSize}.");
            }
            finally
            {
                flush();
            }
        }
    }
}
