using System.Globalization;
using System.Text.Json.Nodes;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Policies;
using HaNat.Tagging;

namespace HaNat.CloudFormation
{
    /// <summary>
    /// A <see cref="NatDeploymentLayout"/> alone as a CloudFormation template, for a VPC HaNat did not build: the NAT
    /// security group, an Elastic IP per zone, the role and profile, the launch template and the one Auto Scaling
    /// group, what Add-HaNatVpc puts into such a VPC. The VPC, its IPv4 blocks, and per zone the zone, the public subnet
    /// the NAT launches in and the private route tables it serves are parameters.
    ///
    /// CloudFormation cannot tag what the stack does not own, and HaNat knows what it serves by its tags (the takeover,
    /// the monitor, Test-HaNatRouting, Get-HaNatVpc and removal alike), so the user tags the tables and their subnets
    /// as Add-HaNatVpc would (the README's one command, <see cref="HaNatTags.ServedBy"/>, <see cref="HaNatTags.Zone"/>,
    /// <see cref="HaNatTags.RestoreDefault"/>). The NATs run with -PrivateSubnetTag hanat:served-by=&lt;Name&gt; and
    /// their role may write default routes only in tables that are both tagged so and named in the template's
    /// PrivateRouteTables parameters: a table tagged later by someone else is not theirs.
    /// </summary>
    internal static class ExistingVpcTemplate
    {
        public const string VpcIdParameter = "VpcId";
        public const string VpcCidrBlockParameter = "VpcCidrBlock";
        public const string PublicSubnetParameter = "PublicSubnet";
        public const string PrivateRouteTablesParameter = "PrivateRouteTables";

        /// <summary>AWS's default quota of IPv4 blocks per VPC: the template takes up to this many, the first required.</summary>
        public const int MaxVpcCidrBlocks = 5;

        /// <summary>The statement of the served NatInstance policy that writes default routes (<see cref="NatInstancePolicy.ForServed"/>).</summary>
        public const string RouteStatementSid = "DefaultRoutesInServedTables";

        /// <summary>The EC2 condition key that names the route table a route write is on.</summary>
        public const string RouteTableIdKey = "ec2:RouteTableID";

        /// <summary>The VPC block the deployment is planned with; each rule from it becomes a rule from the VpcCidrBlock parameters.</summary>
        public static readonly Ipv4Block PlaceholderVpcCidr = Ipv4Block.TryParse(TemplateDefaults.PlaceholderCidr)!;

        /// <summary>The tag the NATs find the served subnets by, with the Name parameter filled in by Fn::Sub.</summary>
        public static string ServedTag => HaNatTags.ServedBy + "=" + TemplateContext.NameVariable;

        public static string Render(NatDeploymentLayout deployment, TemplateDefaults? defaults = null, IReadOnlyList<string>? zoneDefaults = null) =>
            Build(deployment, defaults, zoneDefaults).ToJsonString(PolicyDocument.Options(indented: true));

        /// <param name="zoneDefaults">The AvailabilityZone parameters' defaults, one per zone; null for none.</param>
        public static JsonObject Build(NatDeploymentLayout deployment, TemplateDefaults? defaults = null, IReadOnlyList<string>? zoneDefaults = null)
        {
            defaults ??= TemplateDefaults.Both;
            var context = new TemplateContext(deployment, TemplateZones.AsParameters, VpcIdParameter);
            var resources = new JsonObject();
            AddSecurityGroup(resources, context);
            foreach (var zone in deployment.Zones)
            {
                resources[NetworkResources.ElasticIpId(zone)] = NetworkResources.ElasticIp(context, zone);
            }
            var wiring = new NatWiring(
                Policy(deployment),
                NatUserData.Render(TemplateContext.NameVariable, "${" + CidrBlockId(0) + "}", "${" + VpcIdParameter + "}", ServedTag),
                deployment.Zones.Select(z => Cfn.Ref(TemplateContext.Id(PublicSubnetParameter, z))).ToList(),
                // Each NAT associates its zone's address at boot.
                deployment.Zones.Select(NetworkResources.ElasticIpId).ToList());
            NatResources.AddTo(resources, context, wiring);
            AlarmResources.AddTo(resources, context);

            var conditions = new JsonObject { [CloudFormationTemplate.HasKeyNameCondition] = CloudFormationTemplate.HasKeyName };
            for (var i = 1; i < MaxVpcCidrBlocks; i++)
            {
                conditions[HasCidrBlockCondition(i)] = Cfn.Not(Cfn.EqualsTo(Cfn.Ref(CidrBlockId(i)), JsonValue.Create("")!));
            }
            NatResources.AddConditions(conditions, context);
            AlarmResources.AddCondition(conditions, deployment);
            return new JsonObject
            {
                ["AWSTemplateFormatVersion"] = "2010-09-09",
                ["Description"] = Description(deployment),
                ["Parameters"] = Parameters(deployment, defaults, zoneDefaults),
                ["Conditions"] = conditions,
                ["Resources"] = resources,
                ["Outputs"] = Outputs(deployment),
            };
        }

        private static string Description(NatDeploymentLayout deployment) =>
            $"HaNat in a VPC it did not build: one Auto Scaling group that keeps a NAT instance in each of {deployment.Zones.Count} zones, " +
            "serving the private route tables each zone's parameter names. Generated by Export-HaNatTemplate -ExistingVpc; needs CAPABILITY_NAMED_IAM. " +
            $"Tag the tables and their subnets {HaNatTags.ServedBy}=<Name> (with {HaNatTags.Zone} and {HaNatTags.RestoreDefault} on the tables), " +
            $"and make the heartbeat key {CloudFormationTemplate.HeartbeatKeyName.Replace(TemplateContext.NameVariable, "<Name>")}, beside the stack: see the HaNat README.";

        /// <summary>
        /// The served NatInstance policy for the Name parameter, with its route writes limited further to the tables
        /// the PrivateRouteTables parameters name (ec2:RouteTableID; one list of every zone's tables).
        /// </summary>
        private static JsonNode Policy(NatDeploymentLayout deployment)
        {
            var policy = (JsonObject)Cfn.Policy(NatInstancePolicy.For(PrivateSubnetTag.Parse(ServedTag)));
            var routes = policy["Statement"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["Sid"] == RouteStatementSid);
            var condition = routes["Condition"]!.AsObject();
            if (condition["StringEquals"] is not JsonObject equals)
            {
                equals = new JsonObject();
                condition["StringEquals"] = equals;
            }
            var everyTable = Cfn.Array(deployment.Zones.Select(z => Join(",", Cfn.Ref(TemplateContext.Id(PrivateRouteTablesParameter, z)))));
            equals[RouteTableIdKey] = new JsonObject { ["Fn::Split"] = new JsonArray(",", Join(",", everyTable)) };
            return policy;
        }

        private static JsonNode Join(string delimiter, JsonNode list) => new JsonObject { ["Fn::Join"] = new JsonArray(delimiter, list) };

        /// <summary>
        /// The NAT security group as the deployment plans it, its rules from the VPC's block now from VpcCidrBlock1;
        /// each further block given lets the same in, through a rule resource of its own.
        /// </summary>
        private static void AddSecurityGroup(JsonObject resources, TemplateContext context)
        {
            JsonNode CidrOf(Ipv4Block cidr) => cidr.Equals(PlaceholderVpcCidr) ? Cfn.Ref(CidrBlockId(0)) : JsonValue.Create(cidr.ToString())!;
            NetworkResources.AddSecurityGroup(resources, context, CidrOf);
            foreach (var rule in context.Deployment.NatSecurityGroup.Ingress.Where(r => !r.FromSameGroup && PlaceholderVpcCidr.Equals(r.Cidr)))
            {
                for (var i = 1; i < MaxVpcCidrBlocks; i++)
                {
                    var ingress = NetworkResources.Resource("AWS::EC2::SecurityGroupIngress", new JsonObject
                    {
                        ["GroupId"] = Cfn.GetAtt(CloudFormationTemplate.SecurityGroupId, "GroupId"),
                        ["IpProtocol"] = rule.IpProtocol,
                        ["CidrIp"] = Cfn.Ref(CidrBlockId(i)),
                        ["Description"] = rule.Description,
                    });
                    if (rule.FromPort != null) ingress["Properties"]!["FromPort"] = rule.FromPort.Value;
                    if (rule.ToPort != null) ingress["Properties"]!["ToPort"] = rule.ToPort.Value;
                    ingress["Condition"] = HasCidrBlockCondition(i);
                    resources[CloudFormationTemplate.SecurityGroupId + "From" + CidrBlockId(i)] = ingress;
                }
            }
        }

        private static string CidrBlockId(int index) => VpcCidrBlockParameter + (index + 1).ToString(CultureInfo.InvariantCulture);

        private static string HasCidrBlockCondition(int index) => "Has" + CidrBlockId(index);

        private const string Octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
        private const string Cidr = Octet + "\\." + Octet + "\\." + Octet + "\\." + Octet + "/(1[6-9]|2[0-8])";

        private static JsonObject Parameters(NatDeploymentLayout deployment, TemplateDefaults defaults, IReadOnlyList<string>? zoneDefaults)
        {
            var parameters = new JsonObject
            {
                [CloudFormationTemplate.NameParameter] = CloudFormationTemplate.NameParameterOf(deployment.Name, defaults.Name),
                [VpcIdParameter] = new JsonObject
                {
                    ["Type"] = "AWS::EC2::VPC::Id",
                    ["Description"] = "The VPC the NATs serve. The stack changes nothing of it: tag the tables and subnets they serve as the HaNat README says.",
                },
            };
            for (var i = 0; i < MaxVpcCidrBlocks; i++)
            {
                var block = new JsonObject
                {
                    ["Type"] = "String",
                    ["Description"] = i == 0
                        ? "The VPC's primary IPv4 block: the NAT security group lets everything in from it."
                        : "Another IPv4 block of the VPC, or empty: the NAT security group lets everything in from each block given.",
                    ["AllowedPattern"] = i == 0 ? $"^{Cidr}$" : $"^({Cidr})?$",
                    ["ConstraintDescription"] = i == 0 ? "a CIDR block from /16 to /28, for example 10.0.0.0/16." : "empty, or a CIDR block from /16 to /28.",
                };
                if (i > 0) block["Default"] = "";
                parameters[CidrBlockId(i)] = block;
            }
            foreach (var zone in deployment.Zones)
            {
                var position = (zone.Index + 1).ToString(CultureInfo.InvariantCulture);
                var name = new JsonObject
                {
                    ["Type"] = "AWS::EC2::AvailabilityZone::Name",
                    ["Description"] = $"Zone {position}: where its NAT runs, the zone its Elastic IP and its tables are tagged with (hanat:zone).",
                };
                if (zoneDefaults != null) name["Default"] = zoneDefaults[zone.Index];
                parameters[TemplateContext.Id(TemplateZones.ZoneParameterPrefix, zone)] = name;
                parameters[TemplateContext.Id(PublicSubnetParameter, zone)] = new JsonObject
                {
                    ["Type"] = "AWS::EC2::Subnet::Id",
                    ["Description"] = $"Zone {position}'s public subnet, whose route table sends 0.0.0.0/0 to an internet gateway: its NAT launches there.",
                };
                parameters[TemplateContext.Id(PrivateRouteTablesParameter, zone)] = new JsonObject
                {
                    ["Type"] = "CommaDelimitedList",
                    ["Description"] = $"The route tables zone {position}'s NAT serves (rtb-1,rtb-2): the only tables the NATs may write, once tagged hanat:served-by=<Name>.",
                };
            }
            CloudFormationTemplate.AddNatParameters(parameters, deployment.LaunchTemplate);
            AlarmResources.AddParameter(parameters, deployment);
            return parameters;
        }

        private static JsonObject Outputs(NatDeploymentLayout deployment)
        {
            var outputs = new JsonObject
            {
                ["AutoScalingGroupName"] = CloudFormationTemplate.Output(Cfn.Ref(NatResources.GroupId), "The group that keeps a NAT in each zone."),
                ["NatRoleName"] = CloudFormationTemplate.Output(Cfn.Ref(NatResources.RoleId), "The NATs' IAM role."),
                ["NatSecurityGroupId"] = CloudFormationTemplate.Output(Cfn.GetAtt(CloudFormationTemplate.SecurityGroupId, "GroupId"), "The NATs' security group."),
                ["ServedTag"] = CloudFormationTemplate.Output(Cfn.Text(ServedTag), "The tag of the served tables and subnets: the NATs' -PrivateSubnetTag."),
                [CloudFormationTemplate.HeartbeatKeyOutput] = CloudFormationTemplate.Output(Cfn.Text(CloudFormationTemplate.HeartbeatKeyName),
                    "The SSM SecureString the NATs read their heartbeat key from; the stack does not make it."),
            };
            foreach (var zone in deployment.Zones)
            {
                outputs[NetworkResources.ElasticIpId(zone)] = CloudFormationTemplate.Output(Cfn.Ref(NetworkResources.ElasticIpId(zone)),
                    $"Egress address of zone {zone.Index + 1}, for allow-lists.");
            }
            return outputs;
        }
    }
}
