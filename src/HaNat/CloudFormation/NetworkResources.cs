using System.Text.Json.Nodes;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.CloudFormation
{
    /// <summary>The template's network: VPC, internet gateway, subnets, route tables, Elastic IPs, the NAT security group.</summary>
    internal static class NetworkResources
    {
        public static void AddTo(JsonObject resources, TemplateContext context, JsonNode vpcCidr)
        {
            var layout = context.Layout!;
            resources[CloudFormationTemplate.VpcId] = Resource("AWS::EC2::VPC", new JsonObject
            {
                ["CidrBlock"] = vpcCidr,
                ["EnableDnsSupport"] = true,
                ["EnableDnsHostnames"] = true,
                ["Tags"] = context.Tags(LayoutComponents.Vpc, withVpcId: false),
            });
            resources["InternetGateway"] = Resource("AWS::EC2::InternetGateway", new JsonObject
            {
                ["Tags"] = context.Tags(LayoutComponents.InternetGateway),
            });
            resources[CloudFormationTemplate.GatewayAttachmentId] = Resource("AWS::EC2::VPCGatewayAttachment", new JsonObject
            {
                ["VpcId"] = Cfn.Ref(CloudFormationTemplate.VpcId),
                ["InternetGatewayId"] = Cfn.Ref("InternetGateway"),
            });
            resources["PublicRouteTable"] = Resource("AWS::EC2::RouteTable", new JsonObject
            {
                ["VpcId"] = Cfn.Ref(CloudFormationTemplate.VpcId),
                ["Tags"] = context.Tags(LayoutComponents.PublicRouteTable),
            });
            var publicRoute = Resource("AWS::EC2::Route", new JsonObject
            {
                ["RouteTableId"] = Cfn.Ref("PublicRouteTable"),
                ["DestinationCidrBlock"] = VpcLayout.InternetCidr,
                ["GatewayId"] = Cfn.Ref("InternetGateway"),
            });
            // The route needs the gateway attached, which a Ref to the gateway alone does not wait for.
            publicRoute["DependsOn"] = CloudFormationTemplate.GatewayAttachmentId;
            resources[CloudFormationTemplate.PublicDefaultRouteId] = publicRoute;

            // Every subnet is one slot of a single Fn::Cidr over the VPC: the carving of SubnetCarving.
            var slots = Cfn.Cidr(Cfn.GetAtt(CloudFormationTemplate.VpcId, "CidrBlock"), SubnetCarving.SlotCount, 32 - layout.SubnetPrefixLength);
            foreach (var zone in layout.Zones)
            {
                AddZone(resources, context, zone, slots);
            }
            // The VPC's block and its private half follow the template's VpcOctets parameter; other blocks are literal.
            var vpcBlock = Cfn.GetAtt(CloudFormationTemplate.VpcId, "CidrBlock");
            JsonNode CidrOf(Ipv4Block cidr)
            {
                if (cidr.Equals(layout.Cidr)) return vpcBlock.DeepClone();
                if (cidr.Equals(SubnetCarving.PrivateHalf(layout.Cidr))) return Cfn.Select(1, Cfn.Cidr(vpcBlock.DeepClone(), 2, 32 - cidr.PrefixLength));
                return JsonValue.Create(cidr.ToString())!;
            }
            AddSecurityGroup(resources, context, CidrOf);
        }

        /// <summary>The NAT security group, and one resource per rule whose source is the group itself.</summary>
        public static void AddSecurityGroup(JsonObject resources, TemplateContext context, Func<Ipv4Block, JsonNode> cidrOf)
        {
            resources[CloudFormationTemplate.SecurityGroupId] = SecurityGroup(context, cidrOf);
            // A rule whose source is the group itself cannot be written inside the group: one resource each.
            var selfRules = context.Deployment.NatSecurityGroup.Ingress.Where(r => r.FromSameGroup).ToList();
            for (var i = 0; i < selfRules.Count; i++)
            {
                resources[CloudFormationTemplate.SecurityGroupId + "FromItself" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                    SelfIngress(selfRules[i]);
            }
        }

        private static void AddZone(JsonObject resources, TemplateContext context, ZoneLayout zone, JsonNode slots)
        {
            foreach (var subnet in new[] { zone.PublicSubnet, zone.PrivateSubnet })
            {
                var id = SubnetId(zone, subnet.IsPrivate);
                resources[id] = Resource("AWS::EC2::Subnet", new JsonObject
                {
                    ["VpcId"] = Cfn.Ref(CloudFormationTemplate.VpcId),
                    ["AvailabilityZone"] = context.ZoneOf(zone),
                    ["CidrBlock"] = Cfn.Select(subnet.Slot, slots.DeepClone()),
                    ["Tags"] = context.Tags(subnet.Component, zone),
                });
                resources[id + "RouteTableAssociation"] = Resource("AWS::EC2::SubnetRouteTableAssociation", new JsonObject
                {
                    ["SubnetId"] = Cfn.Ref(id),
                    ["RouteTableId"] = Cfn.Ref(subnet.IsPrivate ? TemplateContext.Id("PrivateRouteTable", zone) : "PublicRouteTable"),
                });
            }
            // No default route: the zone's NAT adds 0.0.0.0/0 to itself when it takes the zone over.
            resources[TemplateContext.Id("PrivateRouteTable", zone)] = Resource("AWS::EC2::RouteTable", new JsonObject
            {
                ["VpcId"] = Cfn.Ref(CloudFormationTemplate.VpcId),
                ["Tags"] = context.Tags(LayoutComponents.PrivateRouteTable, zone),
            });
            var address = ElasticIp(context, zone.Nat);
            address["DependsOn"] = CloudFormationTemplate.GatewayAttachmentId;
            resources[ElasticIpId(zone)] = address;
        }

        /// <summary>A zone's Elastic IP, tagged hanat:zone so that the zone's NAT finds it at boot.</summary>
        public static JsonObject ElasticIp(TemplateContext context, NatZoneLayout zone) => Resource("AWS::EC2::EIP", new JsonObject
        {
            ["Domain"] = "vpc",
            ["Tags"] = context.Tags(LayoutComponents.ElasticIp, zone),
        });

        private static JsonObject SecurityGroup(TemplateContext context, Func<Ipv4Block, JsonNode> cidrOf)
        {
            var group = context.Deployment.NatSecurityGroup;
            JsonNode Rule(SecurityGroupRule rule)
            {
                var node = new JsonObject { ["IpProtocol"] = rule.IpProtocol };
                if (rule.FromPort != null) node["FromPort"] = rule.FromPort.Value;
                if (rule.ToPort != null) node["ToPort"] = rule.ToPort.Value;
                node["CidrIp"] = cidrOf(rule.Cidr!);
                node["Description"] = rule.Description;
                return node;
            }
            return Resource("AWS::EC2::SecurityGroup", new JsonObject
            {
                ["GroupName"] = context.Text(LayoutNames.SecurityGroupName(TemplateContext.NameVariable)),
                ["GroupDescription"] = group.Description,
                ["VpcId"] = Cfn.Ref(context.Vpc),
                ["SecurityGroupIngress"] = Cfn.Array(group.Ingress.Where(r => !r.FromSameGroup).Select(Rule)),
                ["SecurityGroupEgress"] = Cfn.Array(group.Egress.Select(Rule)),
                ["Tags"] = context.Tags(LayoutComponents.NatSecurityGroup),
            });
        }

        private static JsonObject SelfIngress(SecurityGroupRule rule) => Resource("AWS::EC2::SecurityGroupIngress", new JsonObject
        {
            ["GroupId"] = Cfn.GetAtt(CloudFormationTemplate.SecurityGroupId, "GroupId"),
            ["SourceSecurityGroupId"] = Cfn.GetAtt(CloudFormationTemplate.SecurityGroupId, "GroupId"),
            ["IpProtocol"] = rule.IpProtocol,
            ["FromPort"] = rule.FromPort,
            ["ToPort"] = rule.ToPort,
            ["Description"] = rule.Description,
        });

        public static string SubnetId(ZoneLayout zone, bool isPrivate) => TemplateContext.Id(isPrivate ? "PrivateSubnet" : "PublicSubnet", zone);

        public static string ElasticIpId(ZoneLayout zone) => ElasticIpId(zone.Nat);

        public static string ElasticIpId(NatZoneLayout zone) => TemplateContext.Id("ElasticIp", zone);

        public static JsonObject Resource(string type, JsonObject properties) => new JsonObject { ["Type"] = type, ["Properties"] = properties };
    }
}
