using System.Linq;
using HaNat.Layout;
using HaNat.Network;
using Xunit;

namespace HaNat.Tests.Topology
{
    public class SubnetCarvingTests
    {
        [Theory]
        [InlineData("10.20.0.0/16", 0, "10.20.0.0/20", "10.20.128.0/20")]
        [InlineData("10.20.0.0/16", 1, "10.20.16.0/20", "10.20.144.0/20")]
        [InlineData("10.20.0.0/16", 5, "10.20.80.0/20", "10.20.208.0/20")]
        [InlineData("10.20.0.0/17", 2, "10.20.16.0/21", "10.20.80.0/21")]
        [InlineData("10.20.64.0/18", 1, "10.20.68.0/22", "10.20.100.0/22")]
        [InlineData("10.20.0.0/19", 3, "10.20.6.0/23", "10.20.22.0/23")]
        [InlineData("10.20.32.0/20", 0, "10.20.32.0/24", "10.20.40.0/24")]
        [InlineData("10.20.0.0/21", 4, "10.20.2.0/25", "10.20.6.0/25")]
        [InlineData("10.20.4.0/22", 5, "10.20.5.64/26", "10.20.7.64/26")]
        [InlineData("10.20.2.0/23", 1, "10.20.2.32/27", "10.20.3.32/27")]
        [InlineData("192.168.7.0/24", 0, "192.168.7.0/28", "192.168.7.128/28")]
        [InlineData("192.168.7.0/24", 5, "192.168.7.80/28", "192.168.7.208/28")]
        public void PublicInTheLowerHalfPrivateInTheUpper(string vpc, int zone, string expectedPublic, string expectedPrivate)
        {
            var block = Ipv4Block.TryParse(vpc)!;
            Assert.Equal(expectedPublic, SubnetCarving.PublicSubnet(block, zone).ToString());
            Assert.Equal(expectedPrivate, SubnetCarving.PrivateSubnet(block, zone).ToString());
        }

        [Theory]
        [InlineData("10.20.0.0/16")]
        [InlineData("10.20.0.0/20")]
        [InlineData("10.20.0.0/24")]
        public void SixZonesFitWithoutOverlapInsideTheVpc(string vpc)
        {
            var block = Ipv4Block.TryParse(vpc)!;
            var subnets = Enumerable.Range(0, SubnetCarving.MaxZones)
                .SelectMany(i => new[] { SubnetCarving.PublicSubnet(block, i), SubnetCarving.PrivateSubnet(block, i) })
                .ToList();
            Assert.All(subnets, s => Assert.True(block.Contains(s), $"{s} is outside {block}"));
            Assert.All(subnets, s => Assert.True(s.PrefixLength <= SubnetCarving.SmallestSubnetPrefix, $"{s} is smaller than AWS allows"));
            for (var i = 0; i < subnets.Count; i++)
                for (var j = i + 1; j < subnets.Count; j++)
                    Assert.False(subnets[i].Overlaps(subnets[j]), $"{subnets[i]} overlaps {subnets[j]}");
        }

        [Fact]
        public void AZoneKeepsItsSubnetsWhateverTheZoneCount()
        {
            var block = Ipv4Block.TryParse("10.20.0.0/16")!;
            var twoZones = VpcLayoutPlanner.Plan(new VpcLayoutRequest { Name = "a", CidrBlock = "10.20", AvailabilityZones = new[] { "z-1a", "z-1b" } });
            var sixZones = VpcLayoutPlanner.Plan(new VpcLayoutRequest
            {
                Name = "a", CidrBlock = "10.20", AvailabilityZones = new[] { "z-1a", "z-1b", "z-1c", "z-1d", "z-1e", "z-1f" },
            });
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(twoZones.Zones[i].PublicSubnet.Cidr, sixZones.Zones[i].PublicSubnet.Cidr);
                Assert.Equal(twoZones.Zones[i].PrivateSubnet.Cidr, sixZones.Zones[i].PrivateSubnet.Cidr);
            }
            Assert.Equal(SubnetCarving.PublicSubnet(block, 1), twoZones.Zones[1].PublicSubnet.Cidr);
        }
    }
}
