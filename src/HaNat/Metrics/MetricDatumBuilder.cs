using HaNat.Aws.CloudWatch.Model;

namespace HaNat.Metrics
{
    /// <summary>
    /// One period's datums, as one PutMetricData sends them. Dimensions: VpcName and AvailabilityZone (the NAT's own
    /// zone, or for the per-zone metrics the zone served), never an instance id, so that an alarm keeps watching the
    /// zone's NAT across its replacement. Gauges sampled during the period go as statistic sets; counters as their
    /// growth over the period (0 when nothing happened, so that a graph shows a quiet minute, not a gap); a value
    /// unknown on this host (no conntrack loaded) is left out rather than sent as 0. Pure.
    /// </summary>
    internal static class MetricDatumBuilder
    {
        public static List<MetricDatum> Build(string vpcName, string ownZone, MonitorPeriod monitor, HostPeriod host, DateTime timestamp)
        {
            var data = new List<MetricDatum>();
            void Set(string name, StatisticSet? set, string unit, string zone)
            {
                if (set != null) data.Add(Datum(name, vpcName, zone, timestamp, unit, statistics: set));
            }
            void Value(string name, double? value, string unit, string zone)
            {
                if (value.HasValue) data.Add(Datum(name, vpcName, zone, timestamp, unit, value: value));
            }

            // HaNat's own, about this NAT.
            Set(HaNatMetrics.Healthy, monitor.Healthy, StandardUnit.None, ownZone);
            Set(HaNatMetrics.PeersHeard, monitor.PeersHeard, StandardUnit.Count, ownZone);
            Set(HaNatMetrics.ZonesServed, monitor.ZonesServed, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.Failovers, monitor.Failovers, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.Handovers, monitor.Handovers, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.SecondsSinceLastTakeover, monitor.LastTakeoverAt is double last ? Math.Max(0, Math.Round(monitor.At - last)) : (double?)null,
                StandardUnit.Seconds, ownZone);

            // About each zone this NAT serves: the zone's dimension is the zone served.
            foreach (var zone in monitor.Zones)
            {
                Value(HaNatMetrics.ZoneServedByPeer, zone.Zone == ownZone ? 0 : 1, StandardUnit.None, zone.Zone);
                Value(HaNatMetrics.ZoneServedSeconds, Math.Max(0, Math.Round(monitor.At - zone.Since)), StandardUnit.Seconds, zone.Zone);
                Value(HaNatMetrics.ZoneTakenByHandover, zone.How == ZoneTakenBy.Handover ? 1 : 0, StandardUnit.None, zone.Zone);
            }

            // The kernel's, under the NAT Gateway's names where the meaning holds.
            Set(HaNatMetrics.ConntrackUsedPercent, host.ConntrackUsedPercent, StandardUnit.Percent, ownZone);
            Set(HaNatMetrics.ActiveConnectionCount, host.ConntrackEntries, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.ErrorPortAllocation, host.Growth.InsertFailed, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.PacketsDropCount, host.Growth.PacketsDropped, StandardUnit.Count, ownZone);
            Value(HaNatMetrics.InterfaceBytesIn, host.Growth.BytesIn, StandardUnit.Bytes, ownZone);
            Value(HaNatMetrics.InterfaceBytesOut, host.Growth.BytesOut, StandardUnit.Bytes, ownZone);
            return data;
        }

        private static MetricDatum Datum(string name, string vpcName, string zone, DateTime timestamp, string unit,
            double? value = null, StatisticSet? statistics = null) => new MetricDatum
        {
            MetricName = name,
            Dimensions = new List<Dimension>
            {
                new Dimension { Name = HaNatMetrics.VpcNameDimension, Value = vpcName },
                new Dimension { Name = HaNatMetrics.AvailabilityZoneDimension, Value = zone },
            },
            Timestamp = timestamp,
            Value = value,
            StatisticValues = statistics,
            Unit = unit,
        };
    }
}
