using System.Collections.Generic;
using System.Linq;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.Tests.Build
{
    /// <summary>Inventories as the reader would find them: a whole HaNat VPC, to which a test adds or removes parts.</summary>
    internal static class InventoryFixture
    {
        public const string Name = "dev";
        public const string VpcId = "vpc-0123";
        public const string Region = "us-east-1";
        public static readonly string[] Zones = { "us-east-1a", "us-east-1b" };

        public static Dictionary<string, string> Tags(LayoutComponent component, string? zone = null, string name = Name, string? vpcId = VpcId)
        {
            var tags = new Dictionary<string, string>
            {
                ["Name"] = LayoutNames.NameOf(name, component, zone),
                [HaNatTags.Managed] = HaNatTags.ManagedValue,
                [HaNatTags.VpcName] = name,
                [HaNatTags.Component] = component.TagValue,
            };
            if (vpcId != null) tags[HaNatTags.VpcId] = vpcId;
            if (zone != null) tags[HaNatTags.Zone] = zone;
            if (component == LayoutComponents.PrivateSubnet) tags["network"] = "private";
            return tags;
        }

        /// <summary>A whole 2-zone HaNat VPC, listed in an order unlike zone order, with its NAT instances running.</summary>
        public static VpcInventory Whole(bool withVpc = true)
        {
            var vpcTags = Tags(LayoutComponents.Vpc, vpcId: null);
            var inventory = new VpcInventory(Name, Region, withVpc ? new FoundVpc(VpcId, "10.20.0.0/16", vpcTags) : null);
            var groupName = LayoutNames.AutoScalingGroupName(Name);
            inventory.Group = new FoundGroup(groupName, new[] { "i-nat-a", "i-nat-b" }, "lt-1", LayoutNames.LaunchTemplateName(Name), Tags(LayoutComponents.AutoScalingGroup));
            inventory.LaunchTemplate = new FoundResource("lt-1", Tags(LayoutComponents.LaunchTemplate), LayoutNames.LaunchTemplateName(Name));
            var iamName = LayoutNames.IamName(Name, Region);
            inventory.Role = new FoundIamEntity(iamName, "/hanat/", new[] { LayoutNames.NatPolicyName }, Tags(LayoutComponents.NatRole));
            inventory.InstanceProfile = new FoundIamEntity(iamName, "/hanat/", new[] { iamName }, Tags(LayoutComponents.NatInstanceProfile));
            inventory.HeartbeatKeyParameter = HeartbeatKey.ParameterName(Name);
            inventory.InternetGateways.Add(new FoundInternetGateway("igw-1", withVpc ? new[] { VpcId } : new string[0], Tags(LayoutComponents.InternetGateway)));
            for (var i = Zones.Length - 1; i >= 0; i--)
            {
                var zone = Zones[i];
                inventory.Addresses.Add(new FoundAddress("eipalloc-" + i, "198.51.100." + i, i == 0 ? "eipassoc-0" : null, Tags(LayoutComponents.ElasticIp, zone)));
            }
            if (!withVpc) return inventory;

            for (var i = Zones.Length - 1; i >= 0; i--)
            {
                var zone = Zones[i];
                inventory.Subnets.Add(new FoundSubnet("subnet-priv-" + i, VpcId, zone, $"10.20.{128 + 16 * i}.0/20", Tags(LayoutComponents.PrivateSubnet, zone)));
                inventory.Subnets.Add(new FoundSubnet("subnet-pub-" + i, VpcId, zone, $"10.20.{16 * i}.0/20", Tags(LayoutComponents.PublicSubnet, zone)));
                inventory.RouteTables.Add(new FoundRouteTable("rtb-priv-" + i, VpcId, false, new[] { ("rtbassoc-priv-" + i, "subnet-priv-" + i) },
                    Tags(LayoutComponents.PrivateRouteTable, zone)));
            }
            inventory.RouteTables.Add(new FoundRouteTable("rtb-main", VpcId, true, Enumerable.Empty<(string, string)>(), new Dictionary<string, string>()));
            inventory.RouteTables.Add(new FoundRouteTable("rtb-pub", VpcId, false,
                Zones.Select((_, i) => ("rtbassoc-pub-" + i, "subnet-pub-" + i)), Tags(LayoutComponents.PublicRouteTable)));
            inventory.SecurityGroups.Add(new FoundSecurityGroup("sg-default", "default", VpcId, new Dictionary<string, string>()));
            inventory.SecurityGroups.Add(new FoundSecurityGroup("sg-nat", LayoutNames.SecurityGroupName(Name), VpcId, Tags(LayoutComponents.NatSecurityGroup)));
            var natTags = new Dictionary<string, string>(Tags(LayoutComponents.NatInstance)) { ["aws:autoscaling:groupName"] = groupName };
            inventory.Instances.Add(new FoundInstance("i-nat-a", "running", natTags));
            inventory.Instances.Add(new FoundInstance("i-nat-b", "running", natTags));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-a", "i-nat-a", "interface", null, null));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-b", "i-nat-b", "interface", null, null));
            return inventory;
        }
    }
}
