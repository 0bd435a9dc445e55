namespace HaNat.Monitor
{
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
