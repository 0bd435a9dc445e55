using System;
using System.Collections.Generic;

namespace HaNat.Monitor
{
    internal enum PeerStatus
    {
        /// <summary>Listed by EC2, never heard, still within its grace to start.</summary>
        Pending,
        /// <summary>Heard recently, reports healthy.</summary>
        Alive,
        /// <summary>Heard recently, reports unhealthy, fewer than K times in a row.</summary>
        Unhealthy,
        /// <summary>Not heard for too long, but not confirmed failed (a peer still hears it, or alone and waiting).</summary>
        Silent,
        /// <summary>Failed: see <see cref="FailureReason"/>.</summary>
        Failed,
    }

    internal enum FailureReason
    {
        None,
        /// <summary>Silent, and every other live peer has lost it too (or, alone, the long wait and the route check passed).</summary>
        Silent,
        /// <summary>Its own last K beats in a row reported unhealthy.</summary>
        ReportsUnhealthy,
        /// <summary>EC2 no longer lists it running, and it is silent.</summary>
        NotRunning,
    }

    /// <summary>The policy's view of one peer.</summary>
    internal sealed class PeerAssessment
    {
        public PeerAssessment(string instanceId, string zone, PeerStatus status, FailureReason reason, string detail)
        {
            InstanceId = instanceId;
            Zone = zone;
            Status = status;
            Reason = reason;
            Detail = detail;
        }

        public string InstanceId { get; }
        public string Zone { get; }
        public PeerStatus Status { get; }
        public FailureReason Reason { get; }
        public string Detail { get; }
    }

    internal enum ZoneOutcome
    {
        /// <summary>This NAT takes the zone over now.</summary>
        TakeOver,
        /// <summary>Another healthy NAT (lower id) is the one to take it over.</summary>
        Standby,
        /// <summary>The zone's routes already point here.</summary>
        AlreadyOwned,
        /// <summary>The zone's routes already point at another live, healthy NAT.</summary>
        ServedByPeer,
        /// <summary>This NAT took the zone over too recently, or too many zones lately.</summary>
        RateLimited,
        /// <summary>This NAT's takeover of the zone is still running.</summary>
        InProgress,
        /// <summary>This NAT is unhealthy itself and claims nothing.</summary>
        SelfUnhealthy,
    }

    /// <summary>What this NAT does about one zone whose NAT failed.</summary>
    internal sealed class ZoneDecision
    {
        public ZoneDecision(string zone, string failedInstanceId, FailureReason reason, ZoneOutcome outcome, string? chooser)
        {
            Zone = zone;
            FailedInstanceId = failedInstanceId;
            Reason = reason;
            Outcome = outcome;
            Chooser = chooser;
        }

        public string Zone { get; }
        public string FailedInstanceId { get; }
        public FailureReason Reason { get; }
        public ZoneOutcome Outcome { get; }
        /// <summary>The NAT chosen to take the zone over; null when nobody healthy is left (this NAT is unhealthy).</summary>
        public string? Chooser { get; }
    }

    internal enum ActionKind
    {
        /// <summary>Point the zone's private default routes at this NAT (-AvailabilityZone: routes only, no Elastic IP).</summary>
        TakeOverZone,
        /// <summary>SetInstanceHealth Unhealthy, so the Auto Scaling group replaces the instance.</summary>
        MarkUnhealthy,
    }

    internal sealed class FailoverAction
    {
        public FailoverAction(ActionKind kind, string instanceId, string? zone, string reason)
        {
            Kind = kind;
            InstanceId = instanceId;
            Zone = zone;
            Reason = reason;
        }

        public ActionKind Kind { get; }
        /// <summary>The failed instance (for a mark of oneself, this NAT's own id).</summary>
        public string InstanceId { get; }
        public string? Zone { get; }
        public string Reason { get; }

        public override string ToString() => $"{Kind} {InstanceId}{(Zone != null ? " " + Zone : "")} ({Reason})";
    }

    /// <summary>One decision: the view of every peer, what to do about each failed zone, and the actions, in order.</summary>
    internal sealed class FailoverDecisions
    {
        public FailoverDecisions(IReadOnlyList<PeerAssessment> peers, IReadOnlyList<ZoneDecision> zones, IReadOnlyList<FailoverAction> actions, bool wantRoutes)
        {
            Peers = peers;
            Zones = zones;
            Actions = actions;
            WantRoutes = wantRoutes;
        }

        public IReadOnlyList<PeerAssessment> Peers { get; }
        public IReadOnlyList<ZoneDecision> Zones { get; }
        public IReadOnlyList<FailoverAction> Actions { get; }
        /// <summary>A NAT alone waits on a route read newer than its deadline before it acts: read the routes soon.</summary>
        public bool WantRoutes { get; }

        public static readonly FailoverDecisions None = new FailoverDecisions(Array.Empty<PeerAssessment>(), Array.Empty<ZoneDecision>(), Array.Empty<FailoverAction>(), false);
    }
}
