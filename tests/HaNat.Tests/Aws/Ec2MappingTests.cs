using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws.Ec2;
using HaNat.Routing;
using Xunit;

namespace HaNat.Tests.Aws
{
    /// <summary>
    /// How EC2's own model objects map to HaNat's, through the layer's records (Ec2Map) to what takeover, the audit
    /// and the monitor read (RouteReading); moto never reports a blackhole, so that is pinned here.
    /// </summary>
    public class Ec2MappingTests
    {
        private static DefaultRoute ToDefaultRoute(Route route) => RouteReading.DefaultRoute(Ec2Map.Route(route));

        private static RouteTableInfo ToInfo(RouteTable table) => RouteReading.Table(Ec2Map.RouteTable(table));

        private static InstanceInfo ToInfo(Instance instance) => RouteReading.Instance(Ec2Map.Instance(instance));

        [Fact]
        public void InstanceRouteKeepsInstanceAndInterface()
        {
            var route = ToDefaultRoute(new Route { InstanceId = "i-1", NetworkInterfaceId = "eni-1", State = RouteState.Active });
            Assert.Equal(RouteTargetKind.Instance, route.Kind);
            Assert.Equal("i-1", route.TargetId);
            Assert.Equal("eni-1", route.NetworkInterfaceId);
            Assert.False(route.Blackhole);
        }

        [Fact]
        public void BlackholeStateIsKept()
        {
            var route = ToDefaultRoute(new Route { InstanceId = "i-1", State = RouteState.Blackhole });
            Assert.True(route.Blackhole);
            Assert.Equal("i-1 (blackhole)", route.ToString());
        }

        [Theory]
        [InlineData("igw-1", RouteTargetKind.InternetGateway)]
        [InlineData("vgw-1", RouteTargetKind.VpnGateway)]
        [InlineData("vpce-1", RouteTargetKind.VpcEndpoint)]
        [InlineData("local", RouteTargetKind.Other)]
        public void GatewayKindsComeFromTheIdPrefix(string gatewayId, object kindArgument)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var kind = (RouteTargetKind)kindArgument;
            Assert.Equal(kind, ToDefaultRoute(new Route { GatewayId = gatewayId }).Kind);
        }

        [Fact]
        public void OtherTargetsAreNamed()
        {
            Assert.Equal(RouteTargetKind.NatGateway, ToDefaultRoute(new Route { NatGatewayId = "nat-1" }).Kind);
            Assert.Equal(RouteTargetKind.TransitGateway, ToDefaultRoute(new Route { TransitGatewayId = "tgw-1" }).Kind);
            Assert.Equal(RouteTargetKind.PeeringConnection, ToDefaultRoute(new Route { VpcPeeringConnectionId = "pcx-1" }).Kind);
            var eni = ToDefaultRoute(new Route { NetworkInterfaceId = "eni-9" });
            Assert.Equal(RouteTargetKind.NetworkInterface, eni.Kind);
            Assert.Null(eni.InstanceId);
        }

        [Fact]
        public void RouteTableFindsMainFlagSubnetsAndDefaultRoute()
        {
            var table = ToInfo(new RouteTable
            {
                RouteTableId = "rtb-1",
                Associations = new List<RouteTableAssociation>
                {
                    new RouteTableAssociation { Main = true },
                    new RouteTableAssociation { SubnetId = "subnet-1" },
                },
                Routes = new List<Route>
                {
                    new Route { DestinationCidrBlock = "10.0.0.0/16", GatewayId = "local" },
                    new Route { DestinationCidrBlock = "0.0.0.0/0", InstanceId = "i-1" },
                },
            });
            Assert.True(table.IsMain);
            Assert.Equal(new[] { "subnet-1" }, table.SubnetIds);
            Assert.Equal("i-1", table.DefaultRoute!.InstanceId);
        }

        [Fact]
        public void NullCollectionsFromSdkV4AreEmpty()
        {
            var table = ToInfo(new RouteTable { RouteTableId = "rtb-1" });
            Assert.False(table.IsMain);
            Assert.Empty(table.SubnetIds);
            Assert.Null(table.DefaultRoute);

            var instance = ToInfo(new Instance { InstanceId = "i-1" });
            Assert.Equal("unknown", instance.State);
            Assert.True(instance.SourceDestCheck);
            Assert.Empty(instance.NetworkInterfaceIds);
        }

        [Fact]
        public void ATablesOtherRoutesLeaveOutLocalAndDefaultAndSayWhichCannotBeCopied()
        {
            var table = new RouteTable
            {
                RouteTableId = "rtb-1",
                Routes = new List<Route>
                {
                    new Route { DestinationCidrBlock = "10.0.0.0/16", GatewayId = "local", Origin = RouteOrigin.CreateRouteTable },
                    new Route { DestinationCidrBlock = "0.0.0.0/0", InstanceId = "i-1", Origin = RouteOrigin.CreateRoute },
                    new Route { DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = "pcx-1", Origin = RouteOrigin.CreateRoute },
                    new Route { DestinationCidrBlock = "172.16.0.0/12", TransitGatewayId = "tgw-1", Origin = RouteOrigin.CreateRoute, State = RouteState.Blackhole },
                    new Route { DestinationCidrBlock = "192.168.0.0/16", GatewayId = "vgw-1", Origin = RouteOrigin.EnableVgwRoutePropagation },
                    new Route { DestinationPrefixListId = "pl-1", GatewayId = "vpce-1", Origin = RouteOrigin.CreateRoute },
                },
            };
            var others = ToInfo(table).OtherRoutes;
            Assert.Equal(new[] { "10.1.0.0/16 -> pcx-1", "172.16.0.0/12 -> tgw-1", "192.168.0.0/16 -> vgw-1", "pl-1 -> vpce-1" }, others.Select(r => r.ToString()));
            Assert.Equal(new[] { true, false, false, false }, others.Select(r => r.NotCopyable == null));
            Assert.Contains("propagated", others[2].NotCopyable);
            Assert.Equal(RouteTargetKind.PeeringConnection, others[0].Kind);
        }
    }
}
