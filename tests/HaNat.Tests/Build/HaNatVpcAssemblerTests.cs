using System.Linq;
using HaNat.Inventory;
using HaNat.Layout;
using Xunit;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    public class HaNatVpcAssemblerTests
    {
        [Fact]
        public void AWholeVpcHasEveryIdAndNothingMissing()
        {
            var vpc = HaNatVpcAssembler.Assemble(Whole());

            Assert.Equal(Name, vpc.Name);
            Assert.Equal(VpcId, vpc.VpcId);
            Assert.Equal("10.20.0.0/16", vpc.CidrBlock);
            Assert.Equal("igw-1", vpc.InternetGatewayId);
            Assert.Equal("rtb-pub", vpc.PublicRouteTableId);
            Assert.Equal("sg-nat", vpc.SecurityGroupId);
            Assert.Equal("dev-nat-asg", vpc.AutoScalingGroupName);
            Assert.Equal("lt-1", vpc.LaunchTemplateId);
            Assert.Equal("dev-nat-us-east-1", vpc.RoleName);
            Assert.Equal("/hanat/dev/heartbeat-key", vpc.HeartbeatKeyParameterName);
            Assert.True(vpc.IsComplete);
            Assert.Empty(vpc.Missing);
        }

        [Fact]
        public void ZonesComeInTheOrderTheyWereGivenWhateverOrderEc2ListsThemIn()
        {
            var vpc = HaNatVpcAssembler.Assemble(Whole());

            Assert.Equal(Zones, vpc.AvailabilityZones);
            var first = vpc.Zones[0];
            Assert.Equal("subnet-pub-0", first.PublicSubnetId);
            Assert.Equal("subnet-priv-0", first.PrivateSubnetId);
            Assert.Equal("rtb-priv-0", first.PrivateRouteTableId);
            Assert.Equal("eipalloc-0", first.ElasticIpAllocationId);
            Assert.Equal("198.51.100.0", first.PublicIp);
            Assert.Equal(new[] { "198.51.100.0", "198.51.100.1" }, vpc.PublicIps);
        }

        [Fact]
        public void ZoneOrderIsSlotOrderNotNameOrder()
        {
            // Zones given as b, a: b's subnets are in slot 0.
            var inventory = new VpcInventory(Name, Region, new FoundVpc(VpcId, "10.20.0.0/16", Tags(LayoutComponents.Vpc, vpcId: null)));
            inventory.Subnets.Add(new FoundSubnet("subnet-a", VpcId, "us-east-1a", "10.20.16.0/20", Tags(LayoutComponents.PublicSubnet, "us-east-1a")));
            inventory.Subnets.Add(new FoundSubnet("subnet-b", VpcId, "us-east-1b", "10.20.0.0/20", Tags(LayoutComponents.PublicSubnet, "us-east-1b")));

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            Assert.Equal(new[] { "us-east-1b", "us-east-1a" }, vpc.AvailabilityZones);
        }

        [Fact]
        public void WhatIsNotThereIsListedAsMissing()
        {
            var inventory = Whole();
            inventory.Group = null;
            inventory.Subnets.RemoveAll(s => s.Id == "subnet-priv-1");
            inventory.Addresses.RemoveAll(a => a.Id == "eipalloc-1");
            inventory.SecurityGroups.RemoveAll(g => g.Id == "sg-nat");

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            Assert.False(vpc.IsComplete);
            Assert.Equal(new[] { "private-subnet us-east-1b", "elastic-ip us-east-1b", "nat-security-group", "auto-scaling-group" }, vpc.Missing);
            Assert.Null(vpc.Zones[1].PrivateSubnetId);
            Assert.Null(vpc.AutoScalingGroupName);
            Assert.Equal("lt-1", vpc.LaunchTemplateId);
        }

        [Fact]
        public void AVpcWithoutItsHeartbeatKeyIsNotComplete()
        {
            var inventory = Whole();
            inventory.HeartbeatKeyParameter = null;

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            Assert.False(vpc.IsComplete);
            Assert.Equal(new[] { "heartbeat-key" }, vpc.Missing);
            // Where the NATs look for it, so that the user knows what to make.
            Assert.Equal("/hanat/dev/heartbeat-key", vpc.HeartbeatKeyParameterName);
        }

        [Fact]
        public void ThePrivateTableIsTheOneThePrivateSubnetUses()
        {
            var inventory = Whole();
            // A second HaNat table in zone a (the takeover's), holding the private subnet now.
            var original = inventory.RouteTables.Single(t => t.Id == "rtb-priv-0");
            inventory.RouteTables.Remove(original);
            inventory.RouteTables.Add(new FoundRouteTable("rtb-priv-0", VpcId, false, new (string, string)[0], Tags(LayoutComponents.PrivateRouteTable, "us-east-1a")));
            inventory.RouteTables.Add(new FoundRouteTable("rtb-now", VpcId, false, new[] { ("rtbassoc-x", "subnet-priv-0") }, Tags(LayoutComponents.PrivateRouteTable, "us-east-1a")));

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            Assert.Equal("rtb-now", vpc.Zones[0].PrivateRouteTableId);
        }

        [Fact]
        public void ResourcesOfAnotherHaNatVpcAreNotThisOnes()
        {
            var inventory = Whole();
            inventory.Addresses.Clear();
            inventory.Addresses.Add(new FoundAddress("eipalloc-x", "203.0.113.1", null, Tags(LayoutComponents.ElasticIp, "us-east-1a", name: "other", vpcId: "vpc-other")));

            var vpc = HaNatVpcAssembler.Assemble(inventory);

            Assert.All(vpc.Zones, z => Assert.Null(z.ElasticIpAllocationId));
            Assert.Contains("elastic-ip us-east-1a", vpc.Missing);
        }
    }
}
