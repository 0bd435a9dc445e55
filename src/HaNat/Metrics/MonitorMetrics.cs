using HaNat.Aws;
using HaNat.Monitor;
using HaNat.Routing;

namespace HaNat.Metrics
{
    /// <summary>
    /// The monitor's side of its metrics: what the loop tells them (a takeover that went through, and about once a
    /// second its verdict, the peers it hears and the zones it serves) goes into the <see cref="MonitorMetricsRecorder"/>;
    /// the <see cref="MetricsPublisher"/> sends it from a thread of its own, never from the loop.
    /// </summary>
    internal sealed class MonitorMetrics : IDisposable
    {
        private readonly MonitorMetricsRecorder _recorder;
        private readonly MetricsPublisher _publisher;
        private double _nextObservation;

        private MonitorMetrics(MonitorOptions options, AwsSession session, Ec2Reader reader, Func<double> now, MonitorLog log)
        {
            _recorder = new MonitorMetricsRecorder(options.Zone);
            _publisher = new MetricsPublisher(options.VpcId, options.Zone, options.MetricsPeriodSeconds, session, reader, _recorder, now, log);
        }

        /// <summary>Null when the NAT publishes nothing: -NoMetrics, or the -Once round.</summary>
        public static MonitorMetrics? For(MonitorOptions options, AwsSession session, Ec2Reader reader, Func<double> now, MonitorLog log) =>
            options.PublishMetrics && !options.Once ? new MonitorMetrics(options, session, reader, now, log) : null;

        public void Start(CancellationToken stop) => _publisher.Start(stop);

        public void Stop() => _publisher.Stop();

        /// <summary>Counts a takeover that went through: a failover or a handover, to this NAT or to the zone's NAT gateway.</summary>
        public void Finished(ActionResult result, double now)
        {
            if (!result.Succeeded || result.Action.Kind != ActionKind.TakeOverZone) return;
            _recorder.Took(result.Action.Zone!, handover: result.Action.IsHandover,
                servedHere: result.ZoneOwner == null || !RouteOwnership.IsNatGateway(result.ZoneOwner), now);
        }

        /// <summary>True about once a second, once the routes were read: time for <see cref="Observe"/>.</summary>
        public bool ObservationDue(double now, bool routesRead)
        {
            if (!routesRead || now < _nextObservation) return false;
            _nextObservation = now + 1;
            return true;
        }

        public void Observe(double now, bool? healthy, int peersHeard, IEnumerable<string> zonesServed) =>
            _recorder.Observe(now, healthy, peersHeard, zonesServed);

        public void Dispose() => _publisher.Dispose();
    }
}
