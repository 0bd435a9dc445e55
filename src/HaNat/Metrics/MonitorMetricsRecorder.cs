namespace HaNat.Metrics
{
    /// <summary>
    /// The monitor's own metrics, kept between publications: the loop tells it what it sees (<see cref="Observe"/>, about
    /// once a second) and the takeovers that went through (<see cref="Took"/>); the publisher's thread cuts a period
    /// (<see cref="Cut"/>) once a minute. Each call is a few dictionary operations under a lock held for no longer, so
    /// the loop never waits on the publisher. Pure: times are seconds on the monitor's clock, passed in.
    /// </summary>
    internal sealed class MonitorMetricsRecorder
    {
        private readonly object _lock = new object();
        private readonly string _ownZone;
        private readonly Dictionary<string, ZoneTenure> _served = new Dictionary<string, ZoneTenure>(StringComparer.Ordinal);
        private GaugeStatistics _healthy = new GaugeStatistics();
        private GaugeStatistics _peersHeard = new GaugeStatistics();
        private GaugeStatistics _zonesServed = new GaugeStatistics();
        private int _failovers;
        private int _handovers;
        private double? _lastTakeoverAt;

        public MonitorMetricsRecorder(string ownZone)
        {
            _ownZone = ownZone;
        }

        /// <param name="healthy">The last self-check's verdict; null before the first.</param>
        /// <param name="zonesServed">The zones whose route tables point at this NAT, as the monitor knows them.</param>
        public void Observe(double now, bool? healthy, int peersHeard, IEnumerable<string> zonesServed)
        {
            var zones = new HashSet<string>(zonesServed, StringComparer.Ordinal);
            lock (_lock)
            {
                if (healthy.HasValue) _healthy.Add(healthy.Value ? 1 : 0);
                _peersHeard.Add(peersHeard);
                _zonesServed.Add(zones.Count);
                foreach (var gone in _served.Keys.Where(z => !zones.Contains(z)).ToList()) _served.Remove(gone);
                foreach (var zone in zones.Where(z => !_served.ContainsKey(z)))
                {
                    // Its own zone, first seen here: the boot takeover, which ran just before the monitor started (or a
                    // zone its replacement's boot took back and lost again). Another zone seen here with no takeover
                    // recorded was taken by an earlier run of this monitor: a failover as far as anyone can tell.
                    var own = zone == _ownZone;
                    _served[zone] = new ZoneTenure(zone, now, own ? ZoneTakenBy.Own : ZoneTakenBy.Failover);
                    if (own) _lastTakeoverAt = Math.Max(_lastTakeoverAt ?? now, now);
                }
            }
        }

        /// <summary>A takeover that went through. <paramref name="servedHere"/> is false when it moved the zone to its NAT gateway.</summary>
        public void Took(string zone, bool handover, bool servedHere, double now)
        {
            lock (_lock)
            {
                if (handover) _handovers++;
                else _failovers++;
                _lastTakeoverAt = now;
                if (servedHere) _served[zone] = new ZoneTenure(zone, now, handover ? ZoneTakenBy.Handover : ZoneTakenBy.Failover);
                else _served.Remove(zone);
            }
        }

        /// <summary>The period that ends now; the next one starts empty (the zones served and the last takeover carry on).</summary>
        public MonitorPeriod Cut(double now)
        {
            lock (_lock)
            {
                var period = new MonitorPeriod
                {
                    At = now,
                    Healthy = _healthy.ToStatisticSet(),
                    PeersHeard = _peersHeard.ToStatisticSet(),
                    ZonesServed = _zonesServed.ToStatisticSet(),
                    Failovers = _failovers,
                    Handovers = _handovers,
                    LastTakeoverAt = _lastTakeoverAt,
                    Zones = _served.Values.OrderBy(z => z.Zone, StringComparer.Ordinal).ToList(),
                };
                _healthy = new GaugeStatistics();
                _peersHeard = new GaugeStatistics();
                _zonesServed = new GaugeStatistics();
                _failovers = 0;
                _handovers = 0;
                return period;
            }
        }
    }
}
