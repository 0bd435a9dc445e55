using System.Collections.Generic;
using System.Linq;
using HaNat.Aws.Ec2;
using HaNat.Install;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Install
{
    /// <summary>Which NAT gateways Add-HaNatVpc -DeleteNatGateway deletes: only those whose zone its NAT has taken.</summary>
    public class GatewayRetirementPlannerTests
    {
        private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

        private static Dictionary<string, string> Served(string zone, string restore) => new Dictionary<string, string>
        {
            [HaNatTags.ServedBy] = "prod", [HaNatTags.Zone] = zone, [HaNatTags.RestoreDefault] = restore,
        };

        private static Ec2RouteTable Table(string id, string subnet, string zone, string? instance, string? gateway, bool served = true)
        {
            var routes = new List<Ec2Route> { new Ec2Route { DestinationCidrBlock = "10.0.0.0/16", GatewayId = "local" } };
            if (instance != null) routes.Add(new Ec2Route { DestinationCidrBlock = "0.0.0.0/0", InstanceId = instance });
            if (gateway != null) routes.Add(new Ec2Route { DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = gateway });
            return new Ec2RouteTable(id, "vpc-1", new[] { new Ec2RouteAssociation("a-" + subnet, subnet, false) }, routes,
                served ? Served(zone, "nat-" + zone.Substring(zone.Length - 1)) : (IReadOnlyDictionary<string, string>)NoTags);
        }

        private static ExistingVpc Vpc(params Ec2RouteTable[] tables)
        {
            var subnets = new List<Ec2Subnet>
            {
                new Ec2Subnet("subnet-pa", "vpc-1", "us-east-1a", "10.0.0.0/24", NoTags),
                new Ec2Subnet("subnet-pb", "vpc-1", "us-east-1b", "10.0.1.0/24", NoTags),
            };
            subnets.AddRange(tables.SelectMany(t => t.SubnetAssociations).Select(a => new Ec2Subnet(a.SubnetId!, "vpc-1",
                a.SubnetId!.EndsWith("b") ? "us-east-1b" : "us-east-1a", "10.0.9.0/24", NoTags)));
            var publicTable = new Ec2RouteTable("rtb-public", "vpc-1", new[] { new Ec2RouteAssociation("a-pa", "subnet-pa", false), new Ec2RouteAssociation("a-pb", "subnet-pb", false) },
                new[] { new Ec2Route { DestinationCidrBlock = "0.0.0.0/0", GatewayId = "igw-1" } }, NoTags);
            var gateways = new[]
            {
                new Ec2NatGateway("nat-a", "vpc-1", "subnet-pa", "available", new[] { "eipalloc-gwa" }, new[] { "198.51.100.1" }, NoTags),
                new Ec2NatGateway("nat-b", "vpc-1", "subnet-pb", "available", new[] { "eipalloc-gwb" }, new[] { "198.51.100.2" }, NoTags),
            };
            var vpcTags = new Dictionary<string, string> { [HaNatTags.ServedBy] = "prod" };
            return new ExistingVpc(new Ec2Vpc("vpc-1", "10.0.0.0/16", new[] { "10.0.0.0/16" }, vpcTags), new[] { "igw-1" }, subnets,
                tables.Concat(new[] { publicTable }), gateways);
        }

        private static Ec2Instance Nat(string id, string zone) => new Ec2Instance(id, "running", zone, "vpc-1", "10.0.0.9", false, new[] { "eni-" + id },
            new Dictionary<string, string> { [HaNatTags.ServedBy] = "prod" });

        private static Ec2Address OwnAddress(string zone) => new Ec2Address("eipalloc-own-" + zone, "203.0.113.9", null, null,
            new Dictionary<string, string> { [HaNatTags.Managed] = "true", [HaNatTags.Zone] = zone });

        private static GatewayRetirementPlan Plan(ExistingVpc vpc, params Ec2Instance[] nats) =>
            GatewayRetirementPlanner.Plan(InstallPlanner.Plan(vpc, new InstallRequest { Name = "prod" }), vpc, nats,
                new[] { OwnAddress("us-east-1a"), OwnAddress("us-east-1b") });

        [Fact]
        public void AZoneWhoseNatTookEveryTableRetiresItsGatewayAndAdoptsItsAddress()
        {
            var vpc = Vpc(Table("rtb-a", "subnet-a", "us-east-1a", "i-a", null), Table("rtb-b", "subnet-b", "us-east-1b", null, "nat-b"));

            var plan = Plan(vpc, Nat("i-a", "us-east-1a"), Nat("i-b", "us-east-1b"));

            var retired = Assert.Single(plan.Retirements);
            Assert.Equal("nat-a", retired.NatGatewayId);
            Assert.Equal("eipalloc-gwa", retired.AdoptAllocationId);
            Assert.Equal("i-a", retired.NatInstanceId);
            Assert.Equal("eipalloc-own-us-east-1a", retired.ReleaseAllocationId);
            var kept = Assert.Single(plan.Kept);
            Assert.Equal("nat-b", kept.GatewayId);
            Assert.Contains("has not taken rtb-b", kept.Why);
        }

        [Fact]
        public void AnotherRunningInstanceOfTheDeploymentInTheZoneDoesNotHideTheNatThatTookIt()
        {
            // The zone's tables route to i-a; a second NAT of the deployment runs in the zone too (a replacement, or
            // moto's Auto Scaling launching every NAT in one subnet): the one the tables route to is the zone's NAT.
            var vpc = Vpc(Table("rtb-a", "subnet-a", "us-east-1a", "i-a", null));

            var plan = Plan(vpc, Nat("i-other", "us-east-1a"), Nat("i-a", "us-east-1a"));

            Assert.Equal("i-a", Assert.Single(plan.Retirements).NatInstanceId);
        }

        [Fact]
        public void OneGatewayForEveryZoneStaysUntilNoTableRoutesToIt()
        {
            // Terraform's single_nat_gateway: zone b's table uses zone a's gateway too, and zone b's NAT has not taken it.
            var shared = new Ec2RouteTable("rtb-b", "vpc-1", new[] { new Ec2RouteAssociation("a-subnet-b", "subnet-b", false) },
                new[] { new Ec2Route { DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = "nat-a" } }, Served("us-east-1b", "nat-a"));
            var vpc = Vpc(Table("rtb-a", "subnet-a", "us-east-1a", "i-a", null), shared);

            var plan = Plan(vpc, Nat("i-a", "us-east-1a"));

            Assert.Empty(plan.Retirements);
            Assert.Contains(plan.Kept, k => k.GatewayId == "nat-a" && k.Why.Contains("rtb-b still routes to it"));
        }

        [Fact]
        public void AZoneWithNoNatYetKeepsItsGateway()
        {
            var vpc = Vpc(Table("rtb-a", "subnet-a", "us-east-1a", null, "nat-a"));

            var plan = Plan(vpc);

            Assert.Empty(plan.Retirements);
            Assert.Contains("us-east-1a has no running NAT", Assert.Single(plan.Kept).Why);
        }
    }
}
