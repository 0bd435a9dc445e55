using System.Linq;
using HaNat.Model;
using HaNat.Routing;
using HaNat.RoutingAudit;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Health
{
    public class RoutingAuditorTests
    {
        private const string Vpc = "vpc-1";
        private static readonly SubnetInfo SubnetA = new SubnetInfo("subnet-a", "us-east-1a", "10.0.1.0/24");

        private static RouteAudit AuditOne(DefaultRoute? route, params InstanceInfo[] instances)
        {
            var tables = new[]
            {
                new RouteTableInfo("rtb-main", true, new string[0], null),
                new RouteTableInfo("rtb-a", false, new[] { "subnet-a" }, route),
            };
            return Assert.Single(RoutingAuditor.Audit(new VpcSnapshot(Vpc, new[] { SubnetA }, tables, instances)));
        }

        private static DefaultRoute To(string instanceId, bool blackhole = false) =>
            new DefaultRoute(RouteTargetKind.Instance, instanceId, instanceId, null, blackhole);

        private static InstanceInfo Nat(string state = "running", string zone = "us-east-1a", bool check = false, bool managed = true) =>
            new InstanceInfo("i-nat", state, zone, Vpc, check, tags: managed
                ? new System.Collections.Generic.Dictionary<string, string> { [HaNatTags.Managed] = HaNatTags.ManagedValue }
                : null);

        [Fact]
        public void RunningInstanceThatIsNotHaNatsIsForeignNotHealthy()
        {
            var audit = AuditOne(To("i-nat"), Nat(managed: false));
            Assert.Equal(RouteStatus.ForeignTarget, audit.Status);
            Assert.False(audit.Healthy);
            Assert.Contains("hanat:managed", audit.Detail);
        }

        [Fact]
        public void RunningNatInTheSameZoneWithCheckOffIsHealthy()
        {
            var audit = AuditOne(To("i-nat"), Nat());
            Assert.Equal(RouteStatus.Healthy, audit.Status);
            Assert.True(audit.Healthy);
            Assert.Equal("rtb-a", audit.RouteTableId);
            Assert.Equal("i-nat", audit.Target);
        }

        [Fact]
        public void NatInAnotherZoneIsCrossZoneAndStillHealthy()
        {
            var audit = AuditOne(To("i-nat"), Nat(zone: "us-east-1b"));
            Assert.Equal(RouteStatus.CrossZone, audit.Status);
            Assert.True(audit.Healthy);
        }

        [Fact]
        public void NoDefaultRouteIsNoRoute()
        {
            var audit = AuditOne(null);
            Assert.Equal(RouteStatus.NoRoute, audit.Status);
            Assert.False(audit.Healthy);
        }

        [Theory]
        [InlineData("stopped")]
        [InlineData("terminated")]
        [InlineData("pending")]
        public void NatThatIsNotRunningIsReported(string state)
        {
            var audit = AuditOne(To("i-nat"), Nat(state));
            Assert.Equal(RouteStatus.NatNotRunning, audit.Status);
            Assert.Contains(state, audit.Detail);
        }

        [Fact]
        public void NatThatEc2NoLongerKnowsIsNotRunning()
        {
            Assert.Equal(RouteStatus.NatNotRunning, AuditOne(To("i-gone")).Status);
        }

        [Fact]
        public void BlackholeIsReportedWhateverItPointsAt()
        {
            Assert.Equal(RouteStatus.Blackhole, AuditOne(To("i-nat", blackhole: true), Nat()).Status);
            Assert.Equal(RouteStatus.Blackhole, AuditOne(new DefaultRoute(RouteTargetKind.NatGateway, "nat-1", null, null, true)).Status);
        }

        [Fact]
        public void SourceDestCheckOnIsReported()
        {
            var audit = AuditOne(To("i-nat"), Nat(check: true));
            Assert.Equal(RouteStatus.SourceDestCheckOn, audit.Status);
            Assert.False(audit.Healthy);
        }

        [Theory]
        [InlineData(RouteTargetKind.NatGateway, "nat-1")]
        [InlineData(RouteTargetKind.InternetGateway, "igw-1")]
        [InlineData(RouteTargetKind.NetworkInterface, "eni-1")]
        [InlineData(RouteTargetKind.TransitGateway, "tgw-1")]
        public void AnythingButAnInstanceIsForeign(object kindArgument, string id)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var kind = (RouteTargetKind)kindArgument;
            var audit = AuditOne(new DefaultRoute(kind, id, null, kind == RouteTargetKind.NetworkInterface ? id : null, false));
            Assert.Equal(RouteStatus.ForeignTarget, audit.Status);
            Assert.Equal(id, audit.Target);
            Assert.False(audit.Healthy);
        }

        [Fact]
        public void SubnetWithoutAssociationIsJudgedByTheMainTable()
        {
            var tables = new[] { new RouteTableInfo("rtb-main", true, new string[0], To("i-nat")) };
            var audit = Assert.Single(RoutingAuditor.Audit(new VpcSnapshot(Vpc, new[] { SubnetA }, tables, new[] { Nat() })));
            Assert.Equal("rtb-main", audit.RouteTableId);
            Assert.Equal(RouteStatus.Healthy, audit.Status);
        }

        [Fact]
        public void EverySubnetGetsOneVerdictInZoneOrder()
        {
            var subnets = new[] { new SubnetInfo("subnet-b", "us-east-1b", "10.0.2.0/24"), SubnetA };
            var tables = new[] { new RouteTableInfo("rtb-main", true, new string[0], null) };
            var audits = RoutingAuditor.Audit(new VpcSnapshot(Vpc, subnets, tables));
            Assert.Equal(new[] { "subnet-a", "subnet-b" }, audits.Select(a => a.SubnetId));
        }
    }
}
