using HaNat.Aws.CloudWatch.Model;
using HaNat.Metrics;

namespace HaNat.Status
{
    /// <summary>
    /// The GetMetricData series Get-HaNatVpc -Status asks for, and their answers turned into each VPC's latest data:
    /// pure, so that what is asked and what is made of the answer are tested without CloudWatch.
    /// </summary>
    internal static class StatusMetricQueries
    {
        /// <summary>Datums older than this say nothing about now: a NAT publishes once a minute.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

        public const int PeriodSeconds = 60;

        /// <summary>One series: its query, and the VPC, metric and zone its answer is about.</summary>
        internal sealed record Series(MetricDataQuery Query, string VpcName, string Metric, string Zone);

        /// <summary>
        /// Every metric of <see cref="StatusMetrics.Read"/> for each zone of each VPC, with the dimensions the NATs
        /// publish under (VpcName and AvailabilityZone, exactly: CloudWatch matches a metric's whole set of dimensions).
        /// </summary>
        public static IReadOnlyList<Series> For(IEnumerable<(string VpcName, IEnumerable<string> Zones)> vpcs)
        {
            var series = new List<Series>();
            foreach (var (vpcName, zones) in vpcs)
            {
                foreach (var zone in zones.Distinct(StringComparer.Ordinal))
                {
                    foreach (var (metric, stat) in StatusMetrics.Read)
                    {
                        var query = new MetricDataQuery
                        {
                            // Ids must start with a lower-case letter and hold only letters, digits and '_'.
                            Id = "s" + series.Count,
                            ReturnData = true,
                            MetricStat = new MetricStat
                            {
                                Metric = new Metric
                                {
                                    Namespace = HaNatMetrics.Namespace,
                                    MetricName = metric,
                                    Dimensions = new List<Dimension>
                                    {
                                        new Dimension { Name = HaNatMetrics.VpcNameDimension, Value = vpcName },
                                        new Dimension { Name = HaNatMetrics.AvailabilityZoneDimension, Value = zone },
                                    },
                                },
                                Period = PeriodSeconds,
                                Stat = stat,
                            },
                        };
                        series.Add(new Series(query, vpcName, metric, zone));
                    }
                }
            }
            return series;
        }

        /// <summary>The requests for the series, at most <see cref="GetMetricDataRequest.MaxQueries"/> each, over the last <see cref="Window"/> before <paramref name="now"/>.</summary>
        public static IEnumerable<GetMetricDataRequest> Requests(IReadOnlyList<Series> series, DateTime now)
        {
            // On whole minutes, as CloudWatch advises: each period is then a minute a NAT published in, which Since is counted from.
            var minute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
            for (var start = 0; start < series.Count; start += GetMetricDataRequest.MaxQueries)
            {
                yield return new GetMetricDataRequest
                {
                    MetricDataQueries = series.Skip(start).Take(GetMetricDataRequest.MaxQueries).Select(s => s.Query).ToList(),
                    StartTime = minute - Window,
                    // The current minute's data is in: EndTime is exclusive.
                    EndTime = minute.AddMinutes(1),
                    ScanBy = "TimestampDescending",
                };
            }
        }

        /// <summary>
        /// Each VPC's latest datum per metric and zone. A series may come in several results (pages) under one Id, and in
        /// any order: the newest timestamp wins. A VPC with no datum at all gets <see cref="StatusMetrics.None"/>.
        /// </summary>
        public static IReadOnlyDictionary<string, StatusMetrics> Latest(IReadOnlyList<Series> series, IEnumerable<MetricDataResult> results)
        {
            var byId = series.ToDictionary(s => s.Query.Id, StringComparer.Ordinal);
            var latest = new Dictionary<string, Dictionary<(string, string), MetricReading>>(StringComparer.Ordinal);
            foreach (var vpc in series.Select(s => s.VpcName).Distinct(StringComparer.Ordinal)) latest[vpc] = new Dictionary<(string, string), MetricReading>();
            foreach (var result in results)
            {
                if (result.Id == null || !byId.TryGetValue(result.Id, out var one)) continue;
                var count = Math.Min(result.Timestamps?.Count ?? 0, result.Values?.Count ?? 0);
                for (var i = 0; i < count; i++)
                {
                    var datum = new MetricReading(DateTime.SpecifyKind(result.Timestamps![i], DateTimeKind.Utc), result.Values![i]);
                    var key = (one.Metric, one.Zone);
                    if (!latest[one.VpcName].TryGetValue(key, out var known) || datum.Timestamp > known.Timestamp) latest[one.VpcName][key] = datum;
                }
            }
            return latest.ToDictionary(p => p.Key, p => p.Value.Count == 0 ? StatusMetrics.None : new StatusMetrics(p.Value), StringComparer.Ordinal);
        }
    }
}
