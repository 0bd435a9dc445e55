using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>PutMetricData on the wire: lists of structures in lists of structures, numbers, times, statistic sets.</summary>
    public sealed class CloudWatchMetricsWireTests
    {
        private static List<KeyValuePair<string, string>> Pairs(object request) => QueryForm.Of(request).Pairs.ToList();

        [Fact]
        public void PutMetricData_flattens_datums_their_dimensions_and_statistic_sets()
        {
            var at = new DateTime(2026, 12, 7, 14, 53, 56, 250, DateTimeKind.Utc);
            var request = new PutMetricDataRequest
            {
                Namespace = "HaNat",
                MetricData = new List<MetricDatum>
                {
                    new MetricDatum
                    {
                        MetricName = "Failovers",
                        Dimensions = new List<Dimension>
                        {
                            new Dimension { Name = "VpcName", Value = "prod" },
                            new Dimension { Name = "AvailabilityZone", Value = "eu-west-1a" },
                        },
                        Timestamp = at,
                        Value = 1,
                        Unit = StandardUnit.Count,
                    },
                    new MetricDatum
                    {
                        MetricName = "ConntrackUsedPercent",
                        Dimensions = new List<Dimension> { new Dimension { Name = "VpcName", Value = "prod" } },
                        StatisticValues = new StatisticSet { SampleCount = 12, Sum = 30.5, Minimum = 0.125, Maximum = 7 },
                        Unit = StandardUnit.Percent,
                    },
                },
            };

            var expected = new[]
            {
                ("Namespace", "HaNat"),
                ("MetricData.member.1.MetricName", "Failovers"),
                ("MetricData.member.1.Dimensions.member.1.Name", "VpcName"),
                ("MetricData.member.1.Dimensions.member.1.Value", "prod"),
                ("MetricData.member.1.Dimensions.member.2.Name", "AvailabilityZone"),
                ("MetricData.member.1.Dimensions.member.2.Value", "eu-west-1a"),
                ("MetricData.member.1.Timestamp", "2026-12-07T14:53:56.250Z"),
                ("MetricData.member.1.Value", "1"),
                ("MetricData.member.1.Unit", "Count"),
                ("MetricData.member.2.MetricName", "ConntrackUsedPercent"),
                ("MetricData.member.2.Dimensions.member.1.Name", "VpcName"),
                ("MetricData.member.2.Dimensions.member.1.Value", "prod"),
                ("MetricData.member.2.StatisticValues.SampleCount", "12"),
                ("MetricData.member.2.StatisticValues.Sum", "30.5"),
                ("MetricData.member.2.StatisticValues.Minimum", "0.125"),
                ("MetricData.member.2.StatisticValues.Maximum", "7"),
                ("MetricData.member.2.Unit", "Percent"),
            };
            Assert.Equal(expected.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)), Pairs(request));
        }

        [Fact]
        public void Doubles_go_on_the_wire_in_invariant_culture_whatever_the_thread_s_culture()
        {
            var before = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
                var pairs = Pairs(new MetricDatum { MetricName = "m", Value = 1234.5 });
                Assert.Contains(new KeyValuePair<string, string>("Value", "1234.5"), pairs);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }

        [Fact]
        public void A_local_time_is_sent_as_UTC()
        {
            var local = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);
            var pairs = Pairs(new MetricDatum { MetricName = "m", Timestamp = local });
            var sent = pairs.Single(p => p.Key == "Timestamp").Value;
            Assert.Equal(local.ToUniversalTime(), DateTime.Parse(sent, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
            Assert.EndsWith("Z", sent);
        }

        [Fact]
        public void A_value_that_is_not_a_number_is_refused_before_anything_is_sent()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => QueryForm.Of(new MetricDatum { MetricName = "m", Value = double.NaN }));
        }
    }
}
