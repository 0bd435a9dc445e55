using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Aws.Query;
using HaNat.Status;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>GetMetricData on the wire: the request flattened as the Query protocol wants it, a reply's series read back.</summary>
    public sealed class CloudWatchReadsTests
    {
        private const string Reply =
            "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult>" +
            "<MetricDataResults>" +
            "<member><Id>s0</Id><Label>ZoneServedSeconds</Label><StatusCode>Complete</StatusCode>" +
            "<Timestamps><member>2026-12-07T14:05:00Z</member><member>2026-12-07T14:04:00Z</member></Timestamps>" +
            "<Values><member>312.0</member><member>2.5E2</member></Values></member>" +
            "<member><Id>s1</Id><Label>Healthy</Label><StatusCode>Complete</StatusCode><Timestamps/><Values/></member>" +
            "</MetricDataResults><NextToken>page-2</NextToken><Messages/></GetMetricDataResult>" +
            "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetMetricDataResponse>";

        [Fact]
        public void A_GetMetricData_request_flattens_its_queries_dimensions_and_times_on_whole_minutes()
        {
            var series = StatusMetricQueries.For(new[] { ("prod", (IEnumerable<string>)new[] { "eu-west-1a" }) });
            var request = StatusMetricQueries.Requests(series, new DateTime(2026, 12, 7, 14, 5, 30, DateTimeKind.Utc)).Single();
            var pairs = QueryForm.Of(request).Pairs.ToDictionary(p => p.Key, p => p.Value);

            Assert.Equal("GetMetricData", request.Action);
            Assert.Equal("2026-12-07T13:55:00.000Z", pairs["StartTime"]);
            Assert.Equal("2026-12-07T14:06:00.000Z", pairs["EndTime"]);
            Assert.Equal("TimestampDescending", pairs["ScanBy"]);
            Assert.Equal("s0", pairs["MetricDataQueries.member.1.Id"]);
            Assert.Equal("HaNat", pairs["MetricDataQueries.member.1.MetricStat.Metric.Namespace"]);
            Assert.Equal("ZoneServedSeconds", pairs["MetricDataQueries.member.1.MetricStat.Metric.MetricName"]);
            Assert.Equal("VpcName", pairs["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name"]);
            Assert.Equal("prod", pairs["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"]);
            Assert.Equal("AvailabilityZone", pairs["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name"]);
            Assert.Equal("eu-west-1a", pairs["MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value"]);
            Assert.Equal("60", pairs["MetricDataQueries.member.1.MetricStat.Period"]);
            Assert.Equal("Maximum", pairs["MetricDataQueries.member.1.MetricStat.Stat"]);
            Assert.Equal("true", pairs["MetricDataQueries.member.1.ReturnData"]);
            // Four metrics for the one zone, Healthy by its minimum.
            Assert.Equal(4, request.MetricDataQueries.Count);
            Assert.Equal("Minimum", pairs["MetricDataQueries.member.4.MetricStat.Stat"]);
        }

        [Fact]
        public void More_than_500_series_take_more_than_one_request()
        {
            var zones = Enumerable.Range(0, 130).Select(i => $"zone-{i}").ToList();
            var series = StatusMetricQueries.For(new[] { ("prod", (IEnumerable<string>)zones) });
            var requests = StatusMetricQueries.Requests(series, DateTime.UtcNow).ToList();
            Assert.Equal(new[] { 500, 20 }, requests.Select(r => r.MetricDataQueries.Count));
            Assert.Equal(520, requests.SelectMany(r => r.MetricDataQueries).Select(q => q.Id).Distinct().Count());
        }

        [Fact]
        public void A_GetMetricData_reply_reads_its_series_timestamps_in_UTC_and_values_as_numbers()
        {
            var reply = QueryReply.Parse("GetMetricData", Reply, HttpStatusCode.OK);
            var response = reply.Into(QueryReader.Read<GetMetricDataResponse>(reply.Result));

            Assert.Equal("page-2", response.NextToken);
            Assert.Equal(2, response.MetricDataResults.Count);
            var served = response.MetricDataResults[0];
            Assert.Equal(("s0", "Complete"), (served.Id, served.StatusCode));
            Assert.Equal(new[] { new DateTime(2026, 12, 7, 14, 5, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 14, 4, 0, DateTimeKind.Utc) }, served.Timestamps);
            Assert.All(served.Timestamps, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
            Assert.Equal(new[] { 312.0, 250.0 }, served.Values);
            Assert.Empty(response.MetricDataResults[1].Timestamps);
            Assert.Empty(response.MetricDataResults[1].Values);
        }

        [Fact]
        public void The_latest_datum_of_each_series_wins_across_pages_and_a_VPC_without_data_has_none()
        {
            var series = StatusMetricQueries.For(new[] { ("prod", (IEnumerable<string>)new[] { "eu-west-1a" }), ("dev", (IEnumerable<string>)new[] { "eu-west-1a" }) });
            var t0 = new DateTime(2026, 12, 7, 14, 0, 0, DateTimeKind.Utc);
            var results = new[]
            {
                new MetricDataResult { Id = "s0", Timestamps = new List<DateTime> { t0.AddMinutes(1) }, Values = new List<double> { 120 } },
                new MetricDataResult { Id = "s0", Timestamps = new List<DateTime> { t0.AddMinutes(3), t0 }, Values = new List<double> { 240, 60 } },
                new MetricDataResult { Id = "unknown", Timestamps = new List<DateTime> { t0 }, Values = new List<double> { 1 } },
            };
            var latest = StatusMetricQueries.Latest(series, results);

            Assert.True(latest["prod"].Any);
            Assert.Equal(new MetricReading(t0.AddMinutes(3), 240), latest["prod"].Latest("ZoneServedSeconds", "eu-west-1a"));
            Assert.Null(latest["prod"].Latest("Healthy", "eu-west-1a"));
            Assert.False(latest["dev"].Any);
        }
    }
}
