using System.Linq;
using HaNat.Inventory;
using HaNat.Tagging;
using Xunit;
using static HaNat.Tests.Build.AddedInventoryFixture;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    /// <summary>Get-HaNatVpc's object for a deployment Add-HaNatVpc put into someone's VPC.</summary>
    public class AddedVpcAssemblerTests
    {
        [Fact]
        public void AnAddedDeploymentHasPerZoneItsLaunchSubnetItsAddressAndTheTablesItServes()
        {
            var vpc = HaNatVpcAssembler.Assemble(Added());

            Assert.True(vpc.IsAdded);
            Assert.Equal(VpcId, vpc.VpcId);
            Assert.Equal(Zones, vpc.AvailabilityZones);
            Assert.Equal(new[] { "subnet-pub-0", "subnet-pub-1" }, vpc.Zones.Select(z => z.PublicSubnetId));
            Assert.Equal(new[] { "eipalloc-0", "eipalloc-1" }, vpc.Zones.Select(z => z.ElasticIpAllocationId));
            Assert.Equal(new[] { "rtb-app-0", "rtb-own" }, vpc.Zones[0].ServedRouteTableIds);
            Assert.Equal(new[] { "rtb-app-1" }, vpc.Zones[1].ServedRouteTableIds);
            Assert.Equal("sg-nat", vpc.SecurityGroupId);
            Assert.Equal("dev-nat-asg", vpc.AutoScalingGroupName);
            Assert.Equal("igw-user", vpc.InternetGatewayId);
            // The user's gateway, subnets and tables are not HaNat's parts: nothing is missing.
            Assert.Empty(vpc.Missing);
        }

        [Fact]
        public void MissingListsOnlyHaNatsParts()
        {
            var inventory = Added();
            inventory.Group = null;
            inventory.HeartbeatKeyParameter = null;
            inventory.Addresses.RemoveAll(a => a.Tag(HaNatTags.Zone) == "us-east-1b");
            inventory.RouteTables.RemoveAll(t => t.Id == "rtb-app-1");

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            // Zone b is known only from... nothing any more, so it is gone from the zones; zone a lost its launch subnet with the group.
            Assert.Equal(new[] { "us-east-1a" }, vpc.AvailabilityZones);
            Assert.Equal(new[] { "public-subnet us-east-1a", "auto-scaling-group", "heartbeat-key" }, vpc.Missing);
        }

        [Fact]
        public void AZoneWhoseTablesLostTheirTagsIsMissingItsServedTables()
        {
            var inventory = Added();
            inventory.RouteTables.RemoveAll(t => t.Id == "rtb-app-1");

            Assert.Equal(new[] { "served-route-tables us-east-1b" }, HaNatVpcAssembler.Assemble(inventory).Missing);
        }
    }
}
