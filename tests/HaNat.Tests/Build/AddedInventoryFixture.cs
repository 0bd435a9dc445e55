using System.Collections.Generic;
using System.Linq;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Routing;
using HaNat.Tagging;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    /// <summary>
    /// A deployment Add-HaNatVpc put into someone's 2-zone VPC, as the removal's read finds it: per zone a public
    /// subnet the NATs launch in, an app table it serves (zone a's taken by its NAT, zone b's still on its NAT gateway),
    /// a database table it does not, and a table HaNat made for a subnet on the main table; the user's instance and
    /// security group beside HaNat's.
    /// </summary>
    internal static class AddedInventoryFixture
    {
        public static Dictionary<string, string> Served(string? zone = null, string? restore = null)
        {
            var tags = new Dictionary<string, string> { ["Name"] = "user", [HaNatTags.ServedBy] = Name };
            if (zone != null) tags[HaNatTags.Zone] = zone;
            if (restore != null) tags[HaNatTags.RestoreDefault] = restore;
            return tags;
        }

        public static DefaultRoute ToNat(string instance) => new DefaultRoute(RouteTargetKind.Instance, instance, instance, "eni-" + instance, false);

        public static DefaultRoute ToGateway(string gateway, bool blackhole = false) => new DefaultRoute(RouteTargetKind.NatGateway, gateway, null, null, blackhole);

        public static FoundRouteTable ServedTable(string id, string zone, string restore, DefaultRoute? current, string subnet) =>
            new FoundRouteTable(id, VpcId, false, new[] { ("rtbassoc-" + id, subnet) }, Served(zone, restore), current);

        public static VpcInventory Added(DefaultRoute? appA = null, DefaultRoute? appB = null, string natBState = "available")
        {
            var inventory = new VpcInventory(Name, Region, new FoundVpc(VpcId, "10.40.0.0/16", new Dictionary<string, string> { ["Name"] = "tf", [HaNatTags.ServedBy] = Name }));
            var groupName = LayoutNames.AutoScalingGroupName(Name);
            inventory.Group = new FoundGroup(groupName, new[] { "i-nat-a", "i-nat-b" }, "lt-1", LayoutNames.LaunchTemplateName(Name),
                Tags(LayoutComponents.AutoScalingGroup), new[] { "subnet-pub-0", "subnet-pub-1" });
            inventory.LaunchTemplate = new FoundResource("lt-1", Tags(LayoutComponents.LaunchTemplate), LayoutNames.LaunchTemplateName(Name));
            var iamName = LayoutNames.IamName(Name, Region);
            inventory.Role = new FoundIamEntity(iamName, "/hanat/", new[] { LayoutNames.NatPolicyName }, Tags(LayoutComponents.NatRole));
            inventory.InstanceProfile = new FoundIamEntity(iamName, "/hanat/", new[] { iamName }, Tags(LayoutComponents.NatInstanceProfile));
            inventory.HeartbeatKeyParameter = HeartbeatKey.ParameterName(Name);
            inventory.InternetGateways.Add(new FoundInternetGateway("igw-user", new[] { VpcId }, new Dictionary<string, string> { ["Name"] = "tf" }));
            for (var i = 0; i < Zones.Length; i++)
            {
                inventory.Addresses.Add(new FoundAddress("eipalloc-" + i, "198.51.100." + i, "eipassoc-" + i, Tags(LayoutComponents.ElasticIp, Zones[i])));
                inventory.Subnets.Add(new FoundSubnet("subnet-pub-" + i, VpcId, Zones[i], $"10.40.{i}.0/24", new Dictionary<string, string> { ["Name"] = "public" }));
                inventory.Subnets.Add(new FoundSubnet("subnet-app-" + i, VpcId, Zones[i], $"10.40.{10 + i}.0/24", Served()));
                inventory.Subnets.Add(new FoundSubnet("subnet-db-" + i, VpcId, Zones[i], $"10.40.{20 + i}.0/24", null));
            }
            inventory.Subnets.Add(new FoundSubnet("subnet-main", VpcId, Zones[0], "10.40.30.0/24", Served()));

            inventory.RouteTables.Add(new FoundRouteTable("rtb-main", VpcId, true, new (string, string)[0], null, ToGateway("nat-a")));
            inventory.RouteTables.Add(ServedTable("rtb-app-0", Zones[0], "nat-a", appA ?? ToNat("i-nat-a"), "subnet-app-0"));
            inventory.RouteTables.Add(ServedTable("rtb-app-1", Zones[1], "nat-b", appB ?? ToGateway("nat-b"), "subnet-app-1"));
            inventory.RouteTables.Add(new FoundRouteTable("rtb-db", VpcId, false, new[] { ("rtbassoc-db-0", "subnet-db-0"), ("rtbassoc-db-1", "subnet-db-1") }, null));
            var own = new Dictionary<string, string>(Tags(LayoutComponents.PrivateRouteTable, Zones[0]))
            {
                [HaNatTags.ServedBy] = Name,
                [HaNatTags.RestoreDefault] = "nat-a",
            };
            inventory.RouteTables.Add(new FoundRouteTable("rtb-own", VpcId, false, new[] { ("rtbassoc-own", "subnet-main") }, own, ToNat("i-nat-a")));

            inventory.NatGateways.Add(new FoundNatGateway("nat-a", "available", null));
            inventory.NatGateways.Add(new FoundNatGateway("nat-b", natBState, null));
            inventory.SecurityGroups.Add(new FoundSecurityGroup("sg-default", "default", VpcId, null));
            inventory.SecurityGroups.Add(new FoundSecurityGroup("sg-app", "app", VpcId, null));
            inventory.SecurityGroups.Add(new FoundSecurityGroup("sg-nat", LayoutNames.SecurityGroupName(Name), VpcId, Tags(LayoutComponents.NatSecurityGroup)));
            var natTags = new Dictionary<string, string>(Tags(LayoutComponents.NatInstance)) { ["aws:autoscaling:groupName"] = groupName, [HaNatTags.ServedBy] = Name };
            inventory.Instances.Add(new FoundInstance("i-nat-a", "running", natTags));
            inventory.Instances.Add(new FoundInstance("i-nat-b", "running", natTags));
            inventory.Instances.Add(new FoundInstance("i-app", "running", new Dictionary<string, string> { ["Name"] = "app" }));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-i-nat-a", "i-nat-a", "interface", null, null));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-i-nat-b", "i-nat-b", "interface", null, null));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-app", "i-app", "interface", null, null));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-natgw", null, "nat_gateway", "Interface for NAT Gateway nat-a", null));
            return inventory;
        }

        public static void Replace(VpcInventory inventory, FoundRouteTable table)
        {
            inventory.RouteTables.RemoveAll(t => t.Id == table.Id);
            inventory.RouteTables.Add(table);
        }
    }
}
