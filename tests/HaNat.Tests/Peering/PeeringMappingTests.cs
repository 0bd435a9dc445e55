using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws.Ec2;
using HaNat.Peering;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Peering
{
    /// <summary>How EC2's VPCs, routes and peering connections map to what the peering planners read.</summary>
    public class PeeringMappingTests
    {
        private static PeeringVpc ToPeeringVpc(Vpc vpc, string region) => PeeringReads.ToPeeringVpc(Ec2Map.Vpc(vpc), region);

        private static PeeringRoute? ToPeeringRoute(Route route) => PeeringReads.ToPeeringRoute(Ec2Map.Route(route));

        private static PeeringConnectionInfo ToPeeringConnection(VpcPeeringConnection connection) =>
            PeeringReads.ToPeeringConnection(Ec2Map.PeeringConnection(connection));

        private static VpcCidrBlockAssociation Block(string cidr, VpcCidrBlockStateCode state) =>
            new VpcCidrBlockAssociation { CidrBlock = cidr, CidrBlockState = new VpcCidrBlockState { State = state } };

        [Fact]
        public void AVpcKeepsItsAssociatedBlocksPrimaryFirstAndItsTags()
        {
            var vpc = ToPeeringVpc(new Vpc
            {
                VpcId = "vpc-1",
                CidrBlock = "10.1.0.0/16",
                CidrBlockAssociationSet = new List<VpcCidrBlockAssociation>
                {
                    Block("10.101.0.0/16", VpcCidrBlockStateCode.Associated),
                    Block("10.1.0.0/16", VpcCidrBlockStateCode.Associated),
                    Block("10.200.0.0/16", VpcCidrBlockStateCode.Disassociated),
                },
                Tags = new List<Tag> { new Tag(HaNatTags.Managed, "true"), new Tag(HaNatTags.VpcName, "prod") },
            }, "eu-west-1");

            Assert.Equal(new[] { "10.1.0.0/16", "10.101.0.0/16" }, vpc.CidrBlocks);
            Assert.Equal("eu-west-1", vpc.Region);
            Assert.True(vpc.IsHaNat);
            Assert.Equal("prod", vpc.Name);
            Assert.Equal("vpc-1 (prod)", vpc.ToString());
        }

        [Theory]
        [InlineData(null, null, "vpc-1")]
        [InlineData("web", null, "web")]
        [InlineData("web", "prod", "prod")]
        public void AVpcIsNamedByHaNatsTagThenItsNameThenItsId(string? name, string? hanatName, string expected)
        {
            var tags = new Dictionary<string, string>();
            if (name != null) tags["Name"] = name;
            if (hanatName != null) tags[HaNatTags.VpcName] = hanatName;
            Assert.Equal(expected, new PeeringVpc("vpc-1", "r", new[] { "10.1.0.0/16" }, tags).Name);
        }

        [Fact]
        public void AVpcTaggedOtherwiseIsNotHaNats()
        {
            var tags = new Dictionary<string, string> { [HaNatTags.Managed] = "false" };
            Assert.False(new PeeringVpc("vpc-1", "r", new[] { "10.1.0.0/16" }, tags).IsHaNat);
        }

        [Fact]
        public void RoutesKeepTheirPeeringAndBlackholeAndIpv6RoutesAreSkipped()
        {
            var toPeering = ToPeeringRoute(new Route { DestinationCidrBlock = "10.2.0.0/16", VpcPeeringConnectionId = "pcx-1", State = RouteState.Blackhole });
            Assert.NotNull(toPeering);
            Assert.Equal("pcx-1", toPeering!.PeeringConnectionId);
            Assert.Equal("pcx-1", toPeering.TargetId);
            Assert.True(toPeering.Blackhole);

            var local = ToPeeringRoute(new Route { DestinationCidrBlock = "10.1.0.0/16", GatewayId = "local" });
            Assert.Null(local!.PeeringConnectionId);
            Assert.Equal("local", local.TargetId);

            Assert.Null(ToPeeringRoute(new Route { DestinationIpv6CidrBlock = "::/0", GatewayId = "igw-1" }));
        }

        [Fact]
        public void AConnectionKeepsBothEndsStateAndTags()
        {
            var connection = ToPeeringConnection(new VpcPeeringConnection
            {
                VpcPeeringConnectionId = "pcx-1",
                RequesterVpcInfo = new VpcPeeringConnectionVpcInfo { VpcId = "vpc-a", Region = "us-east-1" },
                AccepterVpcInfo = new VpcPeeringConnectionVpcInfo { VpcId = "vpc-b", Region = "eu-west-1" },
                Status = new VpcPeeringConnectionStateReason { Code = VpcPeeringConnectionStateReasonCode.PendingAcceptance },
                Tags = new List<Tag> { new Tag(HaNatTags.Managed, "true") },
            });

            Assert.Equal(("vpc-a", "us-east-1", "vpc-b", "eu-west-1"), (connection.RequesterVpcId, connection.RequesterRegion, connection.AccepterVpcId, connection.AccepterRegion));
            Assert.Equal(PeeringStatus.PendingAcceptance, connection.Status);
            Assert.True(connection.IsHaNat);
            Assert.True(connection.IsLive);
            Assert.True(connection.Joins("vpc-b", "vpc-a"));
            Assert.False(connection.Joins("vpc-a", "vpc-c"));
        }

        [Fact]
        public void TagsSeenOnlyInThePeersRegionAreMergedIn()
        {
            var local = new PeeringConnectionInfo("pcx-1", "vpc-a", "us-east-1", "vpc-b", "eu-west-1", PeeringStatus.Active);
            var peer = new PeeringConnectionInfo("pcx-1", "vpc-a", "us-east-1", "vpc-b", "eu-west-1", PeeringStatus.Active,
                new Dictionary<string, string> { [HaNatTags.Managed] = "true" });
            var onlyPeer = new PeeringConnectionInfo("pcx-2", "vpc-b", "eu-west-1", "vpc-a", "us-east-1", PeeringStatus.Deleted);

            var merged = PeeringSnapshot.Merge(new[] { local }, new[] { peer, onlyPeer }).OrderBy(c => c.Id).ToArray();

            Assert.Equal(new[] { "pcx-1", "pcx-2" }, merged.Select(c => c.Id));
            Assert.True(merged[0].IsHaNat);
            Assert.False(merged[1].IsHaNat);
        }
    }
}
