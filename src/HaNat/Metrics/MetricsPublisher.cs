using System.Diagnostics;
using HaNat.Aws;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Monitor;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Metrics
{
    /// <summary>
    /// Publishes the NAT's metrics on a thread of its own, never in the monitor's loop: it samples the conntrack table
    /// a few times a period, and once a period cuts the monitor's <see cref="MonitorMetricsRecorder"/>, reads the
    /// kernel's counters, and sends everything in ONE PutMetricData (CloudWatch bills per request). A CloudWatch that
    /// is slow, failing or throttling costs this thread a bounded wait (<see cref="SendTimeout"/>, one retry at most)
    /// and the period's batch, which is dropped rather than queued: the next period carries on with fresh figures,
    /// and the loop, its heartbeats and its takeovers never wait on it. An outage is logged when it starts and when
    /// it ends (with the batches it cost), not once a period.
    /// </summary>
    internal sealed class MetricsPublisher : IDisposable
    {
        /// <summary>The period's default: one request a minute, CloudWatch's standard resolution.</summary>
        public const double DefaultPeriodSeconds = 60;

        /// <summary>For tests only: a shorter period (seconds), so that a test sees several periods in a few seconds.</summary>
        public const string PeriodEnvironmentVariable = "HANAT_METRICS_PERIOD_SECONDS";

        private readonly string _vpcId;
        private readonly string _ownZone;
        private readonly AwsSession _session;
        private readonly Ec2Reader _ec2;
        private readonly MonitorMetricsRecorder _recorder;
        private readonly HostCounterReader _host;
        private readonly Func<double> _now;
        private readonly MonitorLog _log;
        private readonly double _period;
        private readonly ICloudWatchClient _cloudWatch;
        private Thread? _thread;
        private string? _vpcName;
        private double? _outageSince;
        private int _dropped;
        private bool _stepFailed;

        public MetricsPublisher(string vpcId, string ownZone, double periodSeconds, AwsSession session, Ec2Reader ec2,
            MonitorMetricsRecorder recorder, Func<double> now, MonitorLog log, HostCounterReader? host = null)
        {
            _vpcId = vpcId;
            _ownZone = ownZone;
            _period = periodSeconds;
            _session = session;
            _ec2 = ec2;
            _recorder = recorder;
            _now = now;
            _log = log;
            _host = host ?? new HostCounterReader();
            // One attempt and one retry at most, each a fraction of the bound: a lost minute of metrics is cheaper than a thread stuck on it.
            _cloudWatch = session.CreateCloudWatchClient(new AwsCallBounds(TimeSpan.FromSeconds(SendTimeout.TotalSeconds / 2), SdkRetries: 1));
        }

        /// <summary>A period's send gives up after this: 10 s, or half a (test's) shorter period, 1 s at least.</summary>
        public TimeSpan SendTimeout => TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, _period / 2)));

        /// <summary>How often the conntrack table's size is sampled: 12 samples a minute, at least 2 a period.</summary>
        public double SampleSeconds => Math.Min(5, _period / 2);

        /// <summary>The period from the environment (tests), else the default; a value that is not a positive number is ignored.</summary>
        public static double PeriodFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(PeriodEnvironmentVariable);
            return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0.5 && seconds <= 3600 ? seconds : DefaultPeriodSeconds;
        }

        public void Start(CancellationToken stop)
        {
            _log.Event("metrics-start", ("namespace", HaNatMetrics.Namespace), ("period_s", _period), ("endpoint", ((CloudWatchClient)_cloudWatch).Endpoint.Url));
            _thread = new Thread(() => Run(stop)) { IsBackground = true, Name = "hanat-monitor-metrics" };
            _thread.Start();
        }

        /// <summary>Waits for the thread a moment (a send in flight is cancelled by the stop token).</summary>
        public void Stop() => _thread?.Join(SendTimeout + TimeSpan.FromSeconds(1));

        private void Run(CancellationToken stop)
        {
            var table = new GaugeStatistics();
            var entries = new GaugeStatistics();
            HostCounters counters;
            try
            {
                counters = _host.Read();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                counters = new HostCounters(); // the first period's counters then start unknown
                _log.Event("metrics-failed", ("error", ex.GetBaseException().Message));
            }
            var start = _now();
            var nextCut = start + _period;
            var nextSample = start;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Step(ref table, ref entries, ref counters, ref nextSample, ref nextCut, stop);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // Nothing here may end the monitor (an exception on this thread would end the process): the
                    // period is lost, the next one starts afresh.
                    if (!_stepFailed) _log.Event("metrics-failed", ("error", ex.GetBaseException().Message));
                    _stepFailed = true;
                    table = new GaugeStatistics();
                    entries = new GaugeStatistics();
                    nextSample = _now() + SampleSeconds;
                    nextCut = _now() + _period;
                }
                var wait = Math.Min(nextSample, nextCut) - _now();
                if (wait > 0) stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait));
            }
        }

        private void Step(ref GaugeStatistics table, ref GaugeStatistics entries, ref HostCounters counters, ref double nextSample,
            ref double nextCut, CancellationToken stop)
        {
            var now = _now();
            if (now >= nextSample)
            {
                var read = _host.ReadTable();
                if (read.ConntrackUsedPercent is double percent) table.Add(percent);
                if (read.ConntrackCount is long count) entries.Add(count);
                nextSample = now + SampleSeconds;
            }
            if (now >= nextCut)
            {
                var later = _host.Read();
                var host = new HostPeriod
                {
                    ConntrackUsedPercent = table.ToStatisticSet(),
                    ConntrackEntries = entries.ToStatisticSet(),
                    Growth = later.Since(counters),
                };
                counters = later;
                table = new GaugeStatistics();
                entries = new GaugeStatistics();
                Publish(_recorder.Cut(now), host, stop);
                // From the cut, not from the plan: a send that took long never brings the next one closer.
                nextCut = now + _period;
                _stepFailed = false;
            }
        }

        private void Publish(MonitorPeriod monitor, HostPeriod host, CancellationToken stop)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(SendTimeout);
                _vpcName ??= ResolveVpcName(bounded.Token);
                var data = MetricDatumBuilder.Build(_vpcName, _ownZone, monitor, host, DateTime.UtcNow);
                _cloudWatch.PutMetricDataAsync(new PutMetricDataRequest { Namespace = HaNatMetrics.Namespace, MetricData = data }, bounded.Token)
                    .GetAwaiter().GetResult();
                if (_outageSince is double since)
                {
                    _log.Event("metrics-restored", ("dropped", _dropped), ("outage_s", Math.Round(monitor.At - since, 1)));
                    _outageSince = null;
                    _dropped = 0;
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && !(ex is OutOfMemoryException))
            {
                _dropped++;
                if (_outageSince == null)
                {
                    _outageSince = monitor.At;
                    var error = ex is OperationCanceledException ? $"no answer within {SendTimeout.TotalSeconds:0.#} s" : ex.GetBaseException().Message;
                    _log.Event("metrics-unavailable", ("error", error), ("ms", clock.ElapsedMilliseconds), ("detail", "this period's metrics are dropped; logged again when CloudWatch answers"));
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // stopping
            }
        }

        /// <summary>
        /// The VpcName dimension: the VPC's hanat:vpc-name (New-HaNatVpc), else its hanat:served-by (the deployment
        /// Add-HaNatVpc put into it), else its id. Read once; until EC2 answers, the period's batch is dropped.
        /// </summary>
        private string ResolveVpcName(CancellationToken token)
        {
            var read = _ec2.DescribeVpcTagsAsync(_vpcId);
            if (!read.Wait((int)SendTimeout.TotalMilliseconds, token)) throw new OperationCanceledException("EC2 did not say the VPC's name in time");
            var tags = read.Result ?? throw new HaNatException("VpcNotFound", HaNatErrorKind.ObjectNotFound, $"VPC {_vpcId} was not found.");
            return VpcNameOf(tags, _vpcId);
        }

        public static string VpcNameOf(IReadOnlyDictionary<string, string> tags, string vpcId) => HaNatTags.DeploymentNameOf(tags) ?? vpcId;

        public void Dispose() => _cloudWatch.Dispose();
    }
}
