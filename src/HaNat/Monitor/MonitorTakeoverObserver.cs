using System.Diagnostics;
using HaNat.Routing;
using HaNat.Tagging;
using HaNat.Takeover;

namespace HaNat.Monitor
{
    /// <summary>
    /// The monitor's side of a takeover: it writes without asking, logs what a user would have been warned of, and
    /// leaves a zone that a live NAT other than the failed one already serves.
    /// </summary>
    internal sealed class MonitorTakeoverObserver : TakeoverObserver
    {
        private readonly FailoverAction _action;
        private readonly IReadOnlyCollection<string> _alivePeers;
        private readonly string _selfId;
        private readonly PrivateSubnetTag _tag;
        private readonly Stopwatch _clock;
        private readonly MonitorLog _log;

        public MonitorTakeoverObserver(FailoverAction action, IReadOnlyCollection<string> alivePeers, string selfId, PrivateSubnetTag tag,
            Stopwatch clock, MonitorLog log)
        {
            _action = action;
            _alivePeers = alivePeers;
            _selfId = selfId;
            _tag = tag;
            _clock = clock;
            _log = log;
        }

        public override void Warn(string message) => _log.Event("takeover-warning", ("zone", _action.Zone), ("detail", message));

        public override bool Proceed(VpcSnapshot snapshot)
        {
            // Fresh routes, read just now: if a live NAT other than the failed one already serves the zone (a
            // replacement's boot takeover, another peer), taking it would be a fight.
            var zone = _action.Zone!;
            var owner = RouteOwnership.Compute(snapshot).TryGetValue(zone, out var o) ? o : null;
            if (owner == null || owner == _action.InstanceId || owner == _selfId || !_alivePeers.Contains(owner)) return true;
            _log.Event("takeover-skipped", ("zone", zone), ("failed", _action.InstanceId), ("served_by", owner), ("ms", _clock.ElapsedMilliseconds));
            return false;
        }

        public override void NoSubnets() =>
            _log.Event("takeover-skipped", ("zone", _action.Zone), ("failed", _action.InstanceId), ("detail", $"no subnet tagged {_tag} in {_action.Zone}"));
    }
}
