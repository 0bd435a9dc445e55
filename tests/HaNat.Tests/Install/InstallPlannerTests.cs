using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Aws.Ec2;
using HaNat.Install;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Install
{
    /// <summary>
    /// Add-HaNatVpc's decisions on a VPC shaped like Terraform's common VPC module: per zone a public subnet on one
    /// public table, a NAT gateway, two private tables; a database tier with no default route.
    /// </summary>
    public class InstallPlannerTests
    {
        private static readonly string[] Zones = { "us-east-1a", "us-east-1b", "us-east-1c" };
        private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

        /// <summary>A VPC under construction: add subnets and tables, then read it.</summary>
        private sealed class Vpc
        {
            public Dictionary<string, string> VpcTags = new Dictionary<string, string>();
            public List<string> Gateways = new List<string> { "igw-1" };
            public List<Ec2Subnet> Subnets = new List<Ec2Subnet>();
            public List<Ec2RouteTable> Tables = new List<Ec2RouteTable>();
            public List<Ec2NatGateway> NatGateways = new List<Ec2NatGateway>();
            public string MainDefault = "";

            public Ec2Subnet Subnet(string id, string zone)
            {
                var subnet = new Ec2Subnet(id, "vpc-1", zone, "10.40.0.0/24", NoTags);
                Subnets.Add(subnet);
                return subnet;
            }

            public void Table(string id, Ec2Route? route, IReadOnlyDictionary<string, string>? tags, params string[] subnets)
            {
                var routes = new List<Ec2Route> { new Ec2Route { DestinationCidrBlock = "10.40.0.0/16", GatewayId = "local" } };
                if (route != null) routes.Add(route);
                Tables.Add(new Ec2RouteTable(id, "vpc-1", subnets.Select(s => new Ec2RouteAssociation("rtbassoc-" + s, s, false)), routes, tags ?? NoTags));
            }

            public ExistingVpc Read(Ec2Route? mainRoute = null)
            {
                var main = new List<Ec2Route> { new Ec2Route { DestinationCidrBlock = "10.40.0.0/16", GatewayId = "local" } };
                if (mainRoute != null) main.Add(mainRoute);
                var tables = Tables.Concat(new[] { new Ec2RouteTable("rtb-main", "vpc-1", new[] { new Ec2RouteAssociation("rtbassoc-main", null, true) }, main, NoTags) });
                return new ExistingVpc(new Ec2Vpc("vpc-1", "10.40.0.0/16", new[] { "10.40.0.0/16", "10.41.0.0/16" }, VpcTags),
                    Gateways, Subnets, tables, NatGateways);
            }
        }

        private static Ec2Route Default(Action<Ec2Route> target)
        {
            var route = new Ec2Route { DestinationCidrBlock = "0.0.0.0/0" };
            target(route);
            return route;
        }

        private static Ec2Route ToNat(string id, bool blackhole = false) => Default(r => { r.NatGatewayId = id; r.Blackhole = blackhole; });

        /// <summary>Terraform's shape: public-X, app-X and worker-X subnets, db-X on one database table with no default route.</summary>
        private static Vpc Terraform()
        {
            var vpc = new Vpc();
            foreach (var zone in Zones)
            {
                var z = zone.Substring(zone.Length - 1);
                vpc.Subnet("subnet-public-" + z, zone);
                vpc.Subnet("subnet-app-" + z, zone);
                vpc.Subnet("subnet-worker1-" + z, zone);
                vpc.Subnet("subnet-worker2-" + z, zone);
                vpc.Subnet("subnet-db-" + z, zone);
                vpc.NatGateways.Add(new Ec2NatGateway("nat-" + z, "vpc-1", "subnet-public-" + z, "available", new[] { "eipalloc-" + z }, new[] { "203.0.113.1" }, NoTags));
                vpc.Table("rtb-app-" + z, ToNat("nat-" + z), null, "subnet-app-" + z);
                vpc.Table("rtb-worker-" + z, ToNat("nat-" + z), null, "subnet-worker1-" + z, "subnet-worker2-" + z);
            }
            vpc.Table("rtb-public", Default(r => r.GatewayId = "igw-1"), null, "subnet-public-a", "subnet-public-b", "subnet-public-c");
            vpc.Table("rtb-db", null, null, "subnet-db-a", "subnet-db-b", "subnet-db-c");
            return vpc;
        }

        private static InstallPlan Plan(ExistingVpc vpc, Action<InstallRequest>? shape = null)
        {
            var request = new InstallRequest { Name = "prod" };
            shape?.Invoke(request);
            return InstallPlanner.Plan(vpc, request);
        }

        private static HaNatException Refused(ExistingVpc vpc, Action<InstallRequest>? shape = null) =>
            Assert.Throws<HaNatException>(() => Plan(vpc, shape));

        [Fact]
        public void EachZoneGetsItsPublicSubnetAndTheTablesOnItsNatGateway()
        {
            var plan = Plan(Terraform().Read());

            Assert.Equal(Zones, plan.Zones.Select(z => z.Zone));
            Assert.Equal(new[] { "subnet-public-a", "subnet-public-b", "subnet-public-c" }, plan.Zones.Select(z => z.PublicSubnetId));
            var a = plan.Zones[0].ServedTables;
            Assert.Equal(new[] { "rtb-app-a", "rtb-worker-a" }, a.Select(t => t.TableId));
            Assert.All(a, t => Assert.Equal("nat-a", t.CurrentTarget));
            Assert.All(a, t => Assert.Equal("nat-a", t.RestoreDefault));
            Assert.Equal(new[] { "subnet-worker1-a", "subnet-worker2-a" }, a[1].SubnetIds);
            Assert.Equal(new[] { "10.40.0.0/16", "10.41.0.0/16" }, plan.CidrBlocks);
            Assert.True(plan.HasWrites);
        }

        [Fact]
        public void AnIsolatedTableIsLeftAndSaysHowToServeIt()
        {
            var plan = Plan(Terraform().Read());

            var db = Assert.Single(plan.LeftTables, t => t.TableId == "rtb-db");
            Assert.Contains("no default route", db.Reason);
            Assert.Contains("-IncludeRouteTableId", db.Reason);
            Assert.DoesNotContain(plan.ServedTables, t => t.TableId == "rtb-db");
        }

        [Theory]
        [InlineData("rtb-db")]
        [InlineData("subnet-db-b")]
        public void AnIsolatedTableNamedIsServedAndRestoredToNoDefaultRoute(string named)
        {
            var vpc = Terraform();
            vpc.Tables.RemoveAll(t => t.Id == "rtb-db");
            vpc.Table("rtb-db", null, null, "subnet-db-b");

            var plan = Plan(vpc.Read(), r => r.IncludeIds = new[] { named });

            var db = Assert.Single(plan.ServedTables, t => t.TableId == "rtb-db");
            Assert.Equal("us-east-1b", db.Zone);
            Assert.Null(db.CurrentTarget);
            Assert.Equal(HaNatTags.NoDefaultRoute, db.RestoreDefault);
        }

        [Fact]
        public void ATableInSeveralZonesIsRefusedUntilAZoneIsChosen()
        {
            var vpc = Terraform();
            vpc.Tables.RemoveAll(t => t.Id == "rtb-db");
            vpc.Table("rtb-shared", ToNat("nat-a"), null, "subnet-db-a", "subnet-db-b");

            var refused = Refused(vpc.Read());
            Assert.Equal("RouteTableInSeveralZones", refused.ErrorId);
            Assert.Contains("-RouteTableZone", refused.Message);
            Assert.Contains("us-east-1a, us-east-1b", refused.Message);

            var plan = Plan(vpc.Read(), r => r.RouteTableZones = new Dictionary<string, string> { ["rtb-shared"] = "us-east-1b" });
            var shared = Assert.Single(plan.ServedTables, t => t.TableId == "rtb-shared");
            Assert.Equal("us-east-1b", shared.Zone);
            Assert.Contains(shared, plan.Zones.Single(z => z.Zone == "us-east-1b").ServedTables);

            Assert.Equal("RouteTableZoneInvalid", Refused(vpc.Read(), r => r.RouteTableZones = new Dictionary<string, string> { ["rtb-shared"] = "us-east-1c" }).ErrorId);
            Assert.Equal("RouteTableZoneInvalid", Refused(vpc.Read(), r => r.RouteTableZones = new Dictionary<string, string> { ["rtb-nope"] = "us-east-1a" }).ErrorId);
        }

        [Theory]
        [InlineData("tgw-1", "transit gateway")]
        [InlineData("vgw-1", "virtual private gateway")]
        [InlineData("pcx-1", "peering connection")]
        [InlineData("vpce-1", "VPC endpoint")]
        public void ADefaultRouteToAnythingButANatIsLeftAndReported(string target, string said)
        {
            var vpc = Terraform();
            vpc.Subnet("subnet-transit-a", "us-east-1a");
            vpc.Table("rtb-transit", Default(r =>
            {
                if (target.StartsWith("tgw-")) r.TransitGatewayId = target;
                else if (target.StartsWith("pcx-")) r.VpcPeeringConnectionId = target;
                else r.GatewayId = target;
            }), null, "subnet-transit-a");

            var plan = Plan(vpc.Read());

            var left = Assert.Single(plan.LeftTables, t => t.TableId == "rtb-transit");
            Assert.Contains(said, left.Reason);
            Assert.Contains(target, left.Reason);
            Assert.DoesNotContain(plan.ServedTables, t => t.TableId == "rtb-transit");
        }

        [Fact]
        public void NatInstancesAndTheirBlackholesAreServedToo()
        {
            var vpc = Terraform();
            vpc.Subnet("subnet-old-a", "us-east-1a");
            vpc.Subnet("subnet-gone-a", "us-east-1a");
            vpc.Table("rtb-old", Default(r => r.InstanceId = "i-oldnat"), null, "subnet-old-a");
            vpc.Table("rtb-gone", ToNat("nat-deleted", blackhole: true), null, "subnet-gone-a");

            var served = Plan(vpc.Read()).ServedTables.ToDictionary(t => t.TableId!);

            Assert.Equal("i-oldnat", served["rtb-old"].RestoreDefault);
            Assert.Equal("nat-deleted (blackhole)", served["rtb-gone"].CurrentTarget);
            Assert.Equal(HaNatTags.NoDefaultRoute, served["rtb-gone"].RestoreDefault);
        }

        [Fact]
        public void ASubnetOnTheMainTableGetsATableOfItsOwnAndTheMainTableStays()
        {
            var vpc = Terraform();
            vpc.Subnet("subnet-onmain-c", "us-east-1c");

            var withNat = Plan(vpc.Read(ToNat("nat-c")));
            var own = Assert.Single(withNat.ServedTables, t => t.IsNewTable);
            Assert.Null(own.TableId);
            Assert.Equal("rtb-main", own.SourceTableId);
            Assert.Equal(new[] { "subnet-onmain-c" }, own.SubnetIds);
            Assert.Equal("us-east-1c", own.Zone);
            Assert.DoesNotContain(withNat.ServedTables, t => t.TableId == "rtb-main");

            var isolated = Plan(vpc.Read());
            Assert.DoesNotContain(isolated.ServedTables, t => t.IsNewTable);
            Assert.Contains(isolated.LeftTables, t => t.TableId == "rtb-main" && t.SubnetIds.SequenceEqual(new[] { "subnet-onmain-c" }));
        }

        [Fact]
        public void NoInternetGatewayIsRefused()
        {
            var vpc = Terraform();
            vpc.Gateways.Clear();
            var refused = Refused(vpc.Read());
            Assert.Equal("NoInternetGateway", refused.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidOperation, refused.Kind);
        }

        [Fact]
        public void AZoneWithoutAPublicSubnetIsRefusedUnlessTheZonesAreChosen()
        {
            var vpc = Terraform();
            vpc.Tables.RemoveAll(t => t.Id == "rtb-public");
            vpc.Table("rtb-public", Default(r => r.GatewayId = "igw-1"), null, "subnet-public-a", "subnet-public-b");
            vpc.Table("rtb-public-c-private", ToNat("nat-c"), null, "subnet-public-c");

            var refused = Refused(vpc.Read());
            Assert.Equal("ZoneWithoutPublicSubnet", refused.ErrorId);
            Assert.Contains("us-east-1c", refused.Message);
            Assert.Contains("-AvailabilityZone", refused.Message);

            var plan = Plan(vpc.Read(), r => r.AvailabilityZones = new[] { "us-east-1a", "us-east-1b" });
            Assert.Equal(new[] { "us-east-1a", "us-east-1b" }, plan.Zones.Select(z => z.Zone));
            Assert.Contains(plan.LeftTables, t => t.TableId == "rtb-app-c" && t.Reason.Contains("-AvailabilityZone"));

            Assert.Equal("ZoneNotInVpc", Refused(vpc.Read(), r => r.AvailabilityZones = new[] { "us-east-1f" }).ErrorId);
        }

        [Fact]
        public void SeveralPublicSubnetsInAZoneAreRefusedUntilOneIsChosen()
        {
            var vpc = Terraform();
            vpc.Subnet("subnet-public2-a", "us-east-1a");
            vpc.Tables.RemoveAll(t => t.Id == "rtb-public");
            vpc.Table("rtb-public", Default(r => r.GatewayId = "igw-1"), null, "subnet-public-a", "subnet-public2-a", "subnet-public-b", "subnet-public-c");

            var refused = Refused(vpc.Read());
            Assert.Equal("AmbiguousPublicSubnet", refused.ErrorId);
            Assert.Contains("subnet-public-a", refused.Message);
            Assert.Contains("subnet-public2-a", refused.Message);
            Assert.Contains("-PublicSubnetId", refused.Message);

            var plan = Plan(vpc.Read(), r => r.PublicSubnetIds = new[] { "subnet-public2-a" });
            Assert.Equal("subnet-public2-a", plan.Zones[0].PublicSubnetId);

            Assert.Equal("PublicSubnetNotPublic", Refused(vpc.Read(), r => r.PublicSubnetIds = new[] { "subnet-app-a" }).ErrorId);
            Assert.Equal("PublicSubnetZoneRepeated", Refused(vpc.Read(), r => r.PublicSubnetIds = new[] { "subnet-public-a", "subnet-public2-a" }).ErrorId);
        }

        [Fact]
        public void AVpcHaNatBuiltOrAnotherDeploymentServesIsRefused()
        {
            var built = Terraform();
            built.VpcTags[HaNatTags.Managed] = "true";
            built.VpcTags[HaNatTags.VpcName] = "lab";
            var refused = Refused(built.Read());
            Assert.Equal("VpcBuiltByHaNat", refused.ErrorId);
            Assert.Contains("Get-HaNatVpc -Name lab", refused.Message);

            var other = Terraform();
            other.VpcTags[HaNatTags.ServedBy] = "staging";
            Assert.Equal("VpcServedByOtherDeployment", Refused(other.Read()).ErrorId);

            var table = Terraform();
            table.Tables.RemoveAll(t => t.Id == "rtb-app-b");
            table.Table("rtb-app-b", ToNat("nat-b"), new Dictionary<string, string> { [HaNatTags.ServedBy] = "staging" }, "subnet-app-b");
            Assert.Equal("RouteTableServedByOtherDeployment", Refused(table.Read()).ErrorId);
        }

        [Fact]
        public void NothingToServeIsRefusedWithTheWayToNameATable()
        {
            var vpc = new Vpc();
            vpc.Subnet("subnet-public-a", "us-east-1a");
            vpc.Subnet("subnet-db-a", "us-east-1a");
            vpc.Table("rtb-public", Default(r => r.GatewayId = "igw-1"), null, "subnet-public-a");
            vpc.Table("rtb-db", null, null, "subnet-db-a");

            var refused = Refused(vpc.Read());
            Assert.Equal("NothingToServe", refused.ErrorId);
            Assert.Contains("-IncludeRouteTableId", refused.Message);
            Assert.Equal("IncludedTableNotFound", Refused(vpc.Read(), r => r.IncludeIds = new[] { "rtb-nope" }).ErrorId);
        }

        [Fact]
        public void ASecondAddOfTheSameDeploymentWritesNothing()
        {
            var vpc = Terraform();
            vpc.VpcTags[HaNatTags.ServedBy] = "prod";
            var served = new Dictionary<string, string> { [HaNatTags.ServedBy] = "prod", [HaNatTags.RestoreDefault] = "nat-recorded" };
            foreach (var id in vpc.Tables.Where(t => t.Id.StartsWith("rtb-app") || t.Id.StartsWith("rtb-worker")).Select(t => t.Id).ToList())
            {
                var old = vpc.Tables.Single(t => t.Id == id);
                vpc.Tables.Remove(old);
                vpc.Tables.Add(new Ec2RouteTable(id, "vpc-1", old.Associations, old.Routes, served));
            }

            var plan = Plan(vpc.Read());

            Assert.True(plan.AlreadyInstalled);
            Assert.All(plan.ServedTables, t => Assert.True(t.AlreadyServed));
            Assert.All(plan.ServedTables, t => Assert.Equal("nat-recorded", t.RestoreDefault));
            Assert.False(plan.HasWrites);
        }
    }
}
