using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Metrics;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Status;
using Xunit;

namespace HaNat.Tests.Status
{
    /// <summary>
    /// Get-HaNatVpc -Status's decisions from facts alone: a zone served by its own NAT, one taken by a failover from a
    /// dead NAT or by a handover, one on a NAT gateway, and what is left when CloudWatch has nothing.
    /// </summary>
    public sealed class ZoneStatusAssemblerTests
    {
        private const string A = "eu-west-1a", B = "eu-west-1b";
        private const string NatA = "i-0aaaaaaaaaaaaaaaa", NatB = "i-0bbbbbbbbbbbbbbbb", NatBNew = "i-0cccccccccccccccc";
        private static readonly DateTime Now = new DateTime(2026, 12, 7, 15, 0, 0, DateTimeKind.Utc);

        private static StatusZone Zone(string zone, string table, DefaultRoute? route, string? eip = null) =>
            new StatusZone(zone, new[] { new StatusRoute(table, route) }, eip);

        private static DefaultRoute ToInstance(string id) => new DefaultRoute(RouteTargetKind.Instance, id, id, "eni-" + id.Substring(2), false);

        private static StatusNat Nat(string id, string zone, string state = "running", string? lifecycle = "InService", string? health = "Healthy",
            int launchedHoursAgo = 5) =>
            new StatusNat(id, zone, state, Now.AddHours(-launchedHoursAgo), "3.3.3.3", lifecycle, health, true);

        private static StatusMetrics Metrics(params (string Metric, string Zone, double Value, int MinutesAgo)[] data) =>
            new StatusMetrics(data.ToDictionary(d => (d.Metric, d.Zone), d => new MetricReading(Now.AddMinutes(-d.MinutesAgo), d.Value)));

        private static VpcStatusFacts Facts(IEnumerable<StatusZone> zones, IEnumerable<StatusNat> nats, StatusMetrics metrics,
            IEnumerable<StatusAddress>? addresses = null, IEnumerable<StatusGateway>? gateways = null) =>
            new VpcStatusFacts("prod", "vpc-1", zones, nats, addresses ?? new[] { new StatusAddress("52.0.0.1", A, NatA), new StatusAddress("52.0.0.2", B, NatB) },
                gateways ?? Array.Empty<StatusGateway>(), metrics);

        [Fact]
        public void A_zone_on_its_own_healthy_NAT_is_Own_since_its_metric_leaving_from_its_Elastic_IP()
        {
            var facts = Facts(new[] { Zone(A, "rtb-a", ToInstance(NatA), "52.0.0.1") }, new[] { Nat(NatA, A) },
                Metrics((HaNatMetrics.ZoneServedSeconds, A, 3600, 1), (HaNatMetrics.ZoneServedByPeer, A, 0, 1), (HaNatMetrics.Healthy, A, 1, 1)));

            var zone = Assert.Single(ZoneStatusAssembler.Assemble(facts));

            Assert.Equal(ZoneServedWhy.Own, zone.Why);
            Assert.Equal((NatA, A), (zone.ServedBy, zone.ServedByZone));
            Assert.Null(zone.From);
            Assert.Equal(Now.AddMinutes(-61), zone.Since);
            Assert.Equal("52.0.0.1", zone.EgressAddress);
            Assert.Equal("Healthy", zone.Health);
            Assert.True(zone.NatHealthy);
            Assert.True(zone.HasMetrics);
            Assert.Equal(new[] { "rtb-a" }, zone.RouteTableIds);
            Assert.Contains("served by its own NAT", zone.Detail);
        }

        [Fact]
        public void A_zone_a_peer_took_from_a_dead_NAT_is_Failover_from_that_NAT_with_its_state_and_keeps_its_Elastic_IP()
        {
            // The survivor carries the failed zone's Elastic IP on a secondary IP; the dead NAT's replacement is still booting.
            var facts = Facts(
                new[] { Zone(A, "rtb-a", ToInstance(NatA)), Zone(B, "rtb-b", ToInstance(NatA)) },
                new[] { Nat(NatA, A), Nat(NatB, B, state: "terminated", lifecycle: null, health: null), Nat(NatBNew, B, state: "pending", lifecycle: "Pending", launchedHoursAgo: 0) },
                Metrics((HaNatMetrics.ZoneServedSeconds, B, 300, 1), (HaNatMetrics.ZoneServedByPeer, B, 1, 1), (HaNatMetrics.ZoneTakenByHandover, B, 0, 1),
                    (HaNatMetrics.Healthy, A, 1, 1)),
                new[] { new StatusAddress("52.0.0.1", A, NatA), new StatusAddress("52.0.0.2", B, NatA) });

            var zone = ZoneStatusAssembler.Assemble(facts)[1];

            Assert.Equal(ZoneServedWhy.Failover, zone.Why);
            Assert.Equal((NatA, A), (zone.ServedBy, zone.ServedByZone));
            Assert.Equal((NatB, "terminated"), (zone.From, zone.FromState));
            Assert.Equal(Now.AddMinutes(-6), zone.Since);
            Assert.Equal("52.0.0.2", zone.EgressAddress);
            Assert.Equal("Healthy", zone.Health);
            Assert.Contains($"after a failover from {NatB} (terminated)", zone.Detail);
        }

        [Fact]
        public void A_zone_whose_NAT_handed_it_over_is_Handover_by_the_metric_and_by_the_leaving_NAT_without_one()
        {
            var zones = new[] { Zone(A, "rtb-a", ToInstance(NatA)), Zone(B, "rtb-b", ToInstance(NatA)) };
            var nats = new[] { Nat(NatA, A), Nat(NatB, B, lifecycle: "Terminating:Wait") };

            var byMetric = ZoneStatusAssembler.Assemble(Facts(zones, nats, Metrics((HaNatMetrics.ZoneTakenByHandover, B, 1, 0), (HaNatMetrics.ZoneServedByPeer, B, 1, 0))))[1];
            var byEc2 = ZoneStatusAssembler.Assemble(Facts(zones, nats, StatusMetrics.None))[1];

            Assert.Equal(ZoneServedWhy.Handover, byMetric.Why);
            Assert.Equal((NatB, "Terminating:Wait"), (byMetric.From, byMetric.FromState));
            Assert.Equal(ZoneServedWhy.Handover, byEc2.Why);
            Assert.Contains("told from EC2", byEc2.Detail);
        }

        [Fact]
        public void The_handover_metric_outweighs_a_leaving_NAT_a_failover_is_a_failover()
        {
            var facts = Facts(new[] { Zone(B, "rtb-b", ToInstance(NatA)) }, new[] { Nat(NatA, A), Nat(NatB, B, lifecycle: "Terminating:Wait") },
                Metrics((HaNatMetrics.ZoneTakenByHandover, B, 0, 0), (HaNatMetrics.ZoneServedByPeer, B, 1, 0)));
            Assert.Equal(ZoneServedWhy.Failover, Assert.Single(ZoneStatusAssembler.Assemble(facts)).Why);
        }

        [Fact]
        public void A_zone_on_a_NAT_gateway_is_NatGateway_leaving_from_the_gateway_s_address()
        {
            var gateway = new DefaultRoute(RouteTargetKind.NatGateway, "nat-0123456789abcdef0", null, null, false);
            var facts = Facts(new[] { Zone(A, "rtb-a", gateway) }, new[] { Nat(NatA, A) }, StatusMetrics.None,
                gateways: new[] { new StatusGateway("nat-0123456789abcdef0", "available", "18.0.0.9") });

            var zone = Assert.Single(ZoneStatusAssembler.Assemble(facts));

            Assert.Equal(ZoneServedWhy.NatGateway, zone.Why);
            Assert.Equal("nat-0123456789abcdef0", zone.ServedBy);
            Assert.Null(zone.ServedByZone);
            Assert.Equal("18.0.0.9", zone.EgressAddress);
            Assert.Equal("available", zone.Health);
        }

        [Fact]
        public void Without_metrics_EC2_still_answers_and_Since_and_the_self_check_are_unknown()
        {
            var facts = Facts(new[] { Zone(A, "rtb-a", ToInstance(NatA)), Zone(B, "rtb-b", ToInstance(NatA)) },
                new[] { Nat(NatA, A), Nat(NatB, B, state: "stopped", lifecycle: "InService", health: "Unhealthy") }, StatusMetrics.None);

            var zones = ZoneStatusAssembler.Assemble(facts);

            Assert.Equal(new[] { ZoneServedWhy.Own, ZoneServedWhy.Failover }, zones.Select(z => z.Why));
            Assert.All(zones, z => Assert.Null(z.Since));
            Assert.All(zones, z => Assert.Null(z.NatHealthy));
            Assert.All(zones, z => Assert.False(z.HasMetrics));
            Assert.Equal("InService", zones[0].Health);
            Assert.Equal((NatB, "stopped"), (zones[1].From, zones[1].FromState));
            Assert.Equal("52.0.0.1", zones[1].EgressAddress);
            Assert.Contains("no metrics", zones[1].Detail);
        }

        [Fact]
        public void Metrics_from_before_the_route_moved_give_no_Since_rather_than_the_old_NAT_s()
        {
            // The zone's own NAT published "served by its own, for an hour" a minute ago; the route has moved since.
            var facts = Facts(new[] { Zone(B, "rtb-b", ToInstance(NatA)) }, new[] { Nat(NatA, A), Nat(NatB, B, state: "terminated", lifecycle: null, health: null) },
                Metrics((HaNatMetrics.ZoneServedSeconds, B, 3600, 1), (HaNatMetrics.ZoneServedByPeer, B, 0, 1), (HaNatMetrics.ZoneTakenByHandover, B, 0, 1)));

            var zone = Assert.Single(ZoneStatusAssembler.Assemble(facts));

            Assert.Equal(ZoneServedWhy.Failover, zone.Why);
            Assert.Null(zone.Since);
            Assert.Contains("from before the route moved", zone.Detail);
        }

        [Theory]
        [InlineData("running", "InService", "Healthy", 1.0, "Healthy")]
        [InlineData("running", "InService", "Healthy", 0.0, "Self-check failing")]
        [InlineData("running", "InService", "Unhealthy", 1.0, "Unhealthy (ASG)")]
        [InlineData("running", "Terminating:Wait", "Healthy", 1.0, "Terminating:Wait")]
        [InlineData("stopped", "InService", "Healthy", 1.0, "stopped")]
        [InlineData("running", null, null, null, "running")]
        public void A_NAT_s_health_names_the_worst_of_EC2_Auto_Scaling_and_its_self_check(string state, string? lifecycle, string? health, double? selfCheck, string expected)
        {
            var nat = new StatusNat(NatA, A, state, Now, null, lifecycle, health, true);
            Assert.Equal(expected, ZoneStatusAssembler.HealthOf(nat, selfCheck == null ? null : selfCheck >= 0.5));
        }

        [Fact]
        public void No_default_route_a_blackhole_and_a_gone_instance_say_the_zone_has_no_way_out()
        {
            var facts = Facts(new[]
            {
                Zone(A, "rtb-a", null),
                Zone(B, "rtb-b", new DefaultRoute(RouteTargetKind.Instance, NatB, NatB, null, true)),
                Zone("eu-west-1c", "rtb-c", ToInstance("i-0dddddddddddddddd")),
            }, new[] { Nat(NatA, A) }, StatusMetrics.None);

            var zones = ZoneStatusAssembler.Assemble(facts);

            Assert.Equal(new[] { ZoneServedWhy.NoRoute, ZoneServedWhy.Blackhole, ZoneServedWhy.Blackhole }, zones.Select(z => z.Why));
            Assert.Null(zones[0].ServedBy);
            Assert.Equal(NatB, zones[1].ServedBy);
            Assert.Contains("EC2 no longer knows", zones[2].Detail);
        }

        [Fact]
        public void A_route_to_an_instance_HaNat_did_not_launch_is_OtherTarget()
        {
            var foreign = new StatusNat("i-0eeeeeeeeeeeeeeee", A, "running", Now, null, null, null, false);
            var zone = Assert.Single(ZoneStatusAssembler.Assemble(Facts(new[] { Zone(A, "rtb-a", ToInstance(foreign.InstanceId)) }, new[] { foreign }, StatusMetrics.None)));
            Assert.Equal(ZoneServedWhy.OtherTarget, zone.Why);
        }

        [Fact]
        public void Tables_of_one_zone_that_go_different_ways_are_named_in_the_detail()
        {
            var zone = new StatusZone(A, new[] { new StatusRoute("rtb-1", ToInstance(NatA)), new StatusRoute("rtb-2", null) }, null);
            var status = Assert.Single(ZoneStatusAssembler.Assemble(Facts(new[] { zone }, new[] { Nat(NatA, A) }, StatusMetrics.None)));
            Assert.Equal(ZoneServedWhy.Own, status.Why);
            Assert.Contains("rtb-2 goes to nothing", status.Detail);
        }
    }
}
