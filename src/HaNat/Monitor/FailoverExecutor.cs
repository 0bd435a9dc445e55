using System.Diagnostics;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;
using HaNat.Takeover;

namespace HaNat.Monitor
{
    /// <summary>
    /// Carries out the policy's actions, in-process: a zone takeover is Invoke-HaNatTakeover -AvailabilityZone's own
    /// <see cref="TakeoverSequence"/>, with the zone's Elastic IP taken onto a secondary private IP of this NAT just
    /// before the routes move (<see cref="ZoneAddressKeeper"/>), so the zone's traffic still leaves from its own
    /// address; a mark is SetInstanceHealth Unhealthy. Every outcome is one log line. AWS calls carry the session's
    /// token, which the monitor's stop cancels.
    /// </summary>
    internal sealed class FailoverExecutor(AwsSession session, IAmazonEC2 ec2, string selfId, PrivateSubnetTag tag,
        MonitorLog log, ZoneAddressKeeper? addresses = null, ConnectionRelay? relay = null, AwsCallBounds? callBounds = null)
    {
        /// <summary>The Auto Scaling client's bounds: a mark stuck on a hung call would hold the takeovers queued behind it.</summary>
        private readonly AwsCallBounds? _callBounds = callBounds;
        private readonly ConnectionRelay? _relay = relay;
        private readonly ZoneAddressKeeper? _addresses = addresses;
        private readonly AwsSession _session = session;
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly string _selfId = selfId;
        private readonly PrivateSubnetTag _tag = tag;
        private readonly MonitorLog _log = log;

        /// <param name="alivePeers">Peers alive and healthy when the action was decided: a zone one of them already serves is left alone.</param>
        public ActionResult Run(FailoverAction action, IReadOnlyCollection<string> alivePeers)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return action.Kind == ActionKind.TakeOverZone ? TakeOver(action, alivePeers, clock) : Mark(action, clock);
            }
            catch (HaNatException ex) when (!_session.Cancellation.IsCancellationRequested)
            {
                // EC2 throttling, failing or not answering: the loop tries again soon, on the retry policy's cadence.
                var transient = Ec2RetryPolicy.IsTransient(ex);
                _log.Event(action.Kind == ActionKind.TakeOverZone ? "takeover-failed" : "mark-unhealthy-failed",
                    ("zone", action.Zone), ("instance", action.InstanceId), ("error_id", ex.ErrorId), ("error", ex.Message),
                    ("transient", transient ? "true" : null), ("ms", clock.ElapsedMilliseconds));
                return new ActionResult(action, false, Transient: transient);
            }
        }

        private ActionResult TakeOver(FailoverAction action, IReadOnlyCollection<string> alivePeers, Stopwatch clock)
        {
            var zone = action.Zone!;
            var self = Wait(new Ec2Reader(_ec2, _session).DescribeInstancesAsync(new[] { _selfId })).FirstOrDefault()
                ?? throw new HaNatException("InstanceNotFound", HaNatErrorKind.ObjectNotFound, $"EC2 does not know this instance ({_selfId}).");
            var monitorObserver = new MonitorTakeoverObserver(action, alivePeers, _selfId, _tag, clock, _log);
            if (_addresses == null) return Relayed(action, zone, monitorObserver, observer => Finish(action, zone, TakeoverSequence.Run(_ec2, _session, self, zone, _tag, force: false, observer), clock));
            // The address step runs inside the sequence (after the zone is read and planned, before its routes); the
            // keeper's check waits for the whole takeover, so it never judges a zone half taken.
            lock (_addresses.Gate)
            {
                var observer = new ZoneAddressObserver(monitorObserver, _addresses, zone);
                try
                {
                    var result = Relayed(action, zone, observer, outer => Finish(action, zone, TakeoverSequence.Run(_ec2, _session, self, zone, _tag, force: false, outer), clock));
                    // The zone went to its NAT gateway, not here: no address to carry. (Any other zone not served here after
                    // all is the keeper's next check's: it lets go of a zone whose routes are elsewhere.)
                    if (observer.Taken != null && result.ZoneOwner != null) _addresses.Undo(observer.Taken, "takeover-not-here");
                    return result;
                }
                catch
                {
                    if (observer.Taken != null) _addresses.Undo(observer.Taken, "takeover-failed");
                    throw;
                }
            }
        }

        /// <summary>
        /// A handover (the previous NAT is leaving, still forwarding): the connections it carries for the zone are relayed
        /// to it from before the routes move, so that they finish there (<see cref="ConnectionRelay"/>). A takeover whose
        /// routes did not come here ends the relay at once.
        /// </summary>
        private ActionResult Relayed(FailoverAction action, string zone, TakeoverObserver observer, Func<TakeoverObserver, ActionResult> takeOver)
        {
            if (_relay == null || !action.IsHandover) return takeOver(observer);
            try
            {
                var result = takeOver(new RelayObserver(observer, _relay, zone, action.InstanceId));
                if (!result.Succeeded || result.ZoneOwner != null) _relay.Abandon(zone, "takeover-not-here");
                return result;
            }
            catch
            {
                _relay.Abandon(zone, "takeover-failed");
                throw;
            }
        }

        private ActionResult Finish(FailoverAction action, string zone, IReadOnlyList<TakeoverResult>? results, Stopwatch clock)
        {
            if (results == null) return new ActionResult(action, false);
            var changed = results.Count(r => r.Action != TakeoverAction.Unchanged && r.Action != TakeoverAction.LeftForeign &&
                r.Action != TakeoverAction.ServedByOtherZone && r.Action != TakeoverAction.LeftOnMainTable);
            var owner = TakeoverOutcome.ZoneOwner(results, _selfId);
            _log.Event("takeover", ("zone", zone), ("failed", action.InstanceId), ("by", _selfId), ("reason", action.Reason),
                ("subnets", results.Count), ("changed", changed),
                ("nat_gateway", RouteOwnership.IsNatGateway(owner) ? owner : null), ("ms", clock.ElapsedMilliseconds));
            return new ActionResult(action, TakeoverOutcome.Succeeded(results), owner == _selfId ? null : owner);
        }

        private ActionResult Mark(FailoverAction action, Stopwatch clock)
        {
            using var autoScaling = _session.CreateAutoScalingClient(_callBounds);
            var described = Wait(autoScaling.DescribeAutoScalingInstancesAsync(
                new DescribeAutoScalingInstancesRequest { InstanceIds = new List<string> { action.InstanceId } }, _session.Cancellation));
            var group = described.AutoScalingInstances?.FirstOrDefault(i => i.InstanceId == action.InstanceId)?.AutoScalingGroupName;
            if (group == null)
            {
                _log.Event("mark-unhealthy-skipped", ("instance", action.InstanceId), ("reason", "not in an Auto Scaling group"), ("ms", clock.ElapsedMilliseconds));
                return new ActionResult(action, false);
            }
            Wait(autoScaling.SetInstanceHealthAsync(new SetInstanceHealthRequest
            {
                InstanceId = action.InstanceId,
                HealthStatus = "Unhealthy",
                ShouldRespectGracePeriod = false,
            }, _session.Cancellation));
            _log.Event("mark-unhealthy", ("instance", action.InstanceId), ("group", group), ("by", _selfId),
                ("self", action.InstanceId == _selfId ? "true" : null), ("reason", action.Reason), ("ms", clock.ElapsedMilliseconds));
            return new ActionResult(action, true);
        }

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
    }
}
