using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Metrics;
using Xunit;

namespace HaNat.Tests.Metrics
{
    /// <summary>From the monitor's state to the datums of one PutMetricData: the recorder's periods and the builder.</summary>
    public sealed class MonitorMetricsTests
    {
        private const string Own = "eu-west-1a";
        private const string Peer = "eu-west-1b";
        private static readonly DateTime At = new DateTime(2026, 12, 7, 15, 0, 0, DateTimeKind.Utc);

        private static MetricDatum One(IEnumerable<MetricDatum> data, string name, string zone) =>
            Assert.Single(data, d => d.MetricName == name && d.Dimensions.Single(x => x.Name == "AvailabilityZone").Value == zone);

        private static List<MetricDatum> AfterOneFailover(out MonitorPeriod period)
        {
            var recorder = new MonitorMetricsRecorder(Own);
            recorder.Observe(10, true, 2, new[] { Own });              // the boot takeover, first seen
            recorder.Observe(11, true, 2, new[] { Own });
            recorder.Took(Peer, handover: false, servedHere: true, 40); // the peer of 1b failed
            recorder.Observe(41, true, 1, new[] { Own, Peer });
            recorder.Observe(42, false, 1, new[] { Own, Peer });
            period = recorder.Cut(70);
            return MetricDatumBuilder.Build("prod", Own, period, new HostPeriod
            {
                ConntrackUsedPercent = new StatisticSet { SampleCount = 2, Sum = 3, Minimum = 1, Maximum = 2 },
                ConntrackEntries = new StatisticSet { SampleCount = 2, Sum = 300, Minimum = 100, Maximum = 200 },
                Growth = new CounterGrowth { InsertFailed = 4, PacketsDropped = 6, BytesIn = 1000, BytesOut = 2000 },
            }, At);
        }

        [Fact]
        public void After_one_failover_the_taken_zone_is_served_by_a_peer_and_the_failover_counted_once()
        {
            var data = AfterOneFailover(out _);

            Assert.Equal(1, One(data, "Failovers", Own).Value);
            Assert.Equal(0, One(data, "Handovers", Own).Value);
            Assert.Equal(1, One(data, "ZoneServedByPeer", Peer).Value);
            Assert.Equal(0, One(data, "ZoneServedByPeer", Own).Value);
            Assert.Equal(30, One(data, "ZoneServedSeconds", Peer).Value);
            Assert.Equal(60, One(data, "ZoneServedSeconds", Own).Value);
            Assert.Equal(0, One(data, "ZoneTakenByHandover", Peer).Value);
            Assert.Equal(30, One(data, "SecondsSinceLastTakeover", Own).Value);
            var zones = One(data, "ZonesServed", Own).StatisticValues;
            Assert.Equal((4, 1.0, 2.0, 6.0), ((int)zones.SampleCount!, zones.Minimum!.Value, zones.Maximum!.Value, zones.Sum!.Value));
            var healthy = One(data, "Healthy", Own).StatisticValues;
            Assert.Equal((0.0, 1.0, 3.0), (healthy.Minimum!.Value, healthy.Maximum!.Value, healthy.Sum!.Value));
            Assert.Equal(4, One(data, "ErrorPortAllocation", Own).Value);
            Assert.Equal(6, One(data, "PacketsDropCount", Own).Value);
            Assert.Equal(2, One(data, "ConntrackUsedPercent", Own).StatisticValues.Maximum);
            Assert.Equal(200, One(data, "ActiveConnectionCount", Own).StatisticValues.Maximum);
        }

        [Fact]
        public void Every_datum_is_named_in_the_contract_and_carries_VpcName_and_AvailabilityZone_only()
        {
            var data = AfterOneFailover(out _);
            var contract = typeof(HaNatMetrics).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && !f.Name.EndsWith("Dimension", StringComparison.Ordinal) && f.Name != "Namespace")
                .Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

            Assert.All(data, d =>
            {
                Assert.Contains(d.MetricName, contract);
                Assert.Equal(new[] { "VpcName", "AvailabilityZone" }, d.Dimensions.Select(x => x.Name));
                Assert.Equal("prod", d.Dimensions[0].Value);
                Assert.Equal(At, d.Timestamp);
                Assert.True(d.Value.HasValue ^ d.StatisticValues != null);
            });
            // Every name of the contract is published once a NAT serves its own zone and another, the host known.
            Assert.Equal(contract.OrderBy(n => n), data.Select(d => d.MetricName).Distinct().OrderBy(n => n));
            Assert.Equal(18, data.Count); // 12 about the NAT, 3 per zone served
        }

        [Fact]
        public void A_period_is_cut_once_counts_start_again_and_zones_carry_on()
        {
            var recorder = new MonitorMetricsRecorder(Own);
            recorder.Observe(1, true, 1, new[] { Own });
            recorder.Took(Peer, handover: true, servedHere: true, 5);
            var first = recorder.Cut(60);
            var second = recorder.Cut(120);

            Assert.Equal(1, first.Handovers);
            Assert.Equal(0, second.Handovers);
            Assert.Null(second.Healthy); // nothing sampled: no datum rather than a made-up value
            Assert.Equal(new[] { Own, Peer }, second.Zones.Select(z => z.Zone));
            Assert.Equal(ZoneTakenBy.Handover, second.Zones[1].How);
            var data = MetricDatumBuilder.Build("prod", Own, second, new HostPeriod(), At);
            Assert.Equal(1, One(data, "ZoneTakenByHandover", Peer).Value);
            Assert.DoesNotContain(data, d => d.MetricName == "Healthy" || d.MetricName == "ErrorPortAllocation" || d.MetricName == "ConntrackUsedPercent");
        }

        [Fact]
        public void A_zone_no_longer_served_is_published_no_more_and_one_sent_to_its_NAT_gateway_is_not_served_here()
        {
            var recorder = new MonitorMetricsRecorder(Own);
            recorder.Observe(1, true, 1, new[] { Own, Peer });
            recorder.Observe(2, true, 1, new[] { Own });
            recorder.Took("eu-west-1c", handover: false, servedHere: false, 3);
            var period = recorder.Cut(60);

            Assert.Equal(new[] { Own }, period.Zones.Select(z => z.Zone));
            Assert.Equal(1, period.Failovers);
        }

        [Fact]
        public void A_NAT_that_does_not_serve_its_own_zone_publishes_nothing_for_it()
        {
            var recorder = new MonitorMetricsRecorder(Own);
            recorder.Observe(1, true, 0, Array.Empty<string>());
            var data = MetricDatumBuilder.Build("prod", Own, recorder.Cut(60), new HostPeriod(), At);
            Assert.DoesNotContain(data, d => d.MetricName.StartsWith("Zone", StringComparison.Ordinal) && d.MetricName != "ZonesServed");
            Assert.DoesNotContain(data, d => d.MetricName == "SecondsSinceLastTakeover");
            Assert.Equal(0, One(data, "ZonesServed", Own).StatisticValues.Maximum);
        }

        [Fact]
        public void The_VpcName_dimension_is_the_VPC_s_name_else_the_deployment_serving_it_else_its_id()
        {
            Assert.Equal("prod", MetricsPublisher.VpcNameOf(new Dictionary<string, string> { ["hanat:vpc-name"] = "prod", ["hanat:served-by"] = "x" }, "vpc-1"));
            Assert.Equal("shared", MetricsPublisher.VpcNameOf(new Dictionary<string, string> { ["hanat:served-by"] = "shared" }, "vpc-1"));
            Assert.Equal("vpc-1", MetricsPublisher.VpcNameOf(new Dictionary<string, string>(), "vpc-1"));
        }
    }
}
