using System.Text.Json.Nodes;
using HaNat.Layout;
using HaNat.Tagging;

namespace HaNat.CloudFormation
{
    /// <summary>
    /// The template's NATs: IAM role and instance profile, launch template, and the one Auto Scaling group. What
    /// differs between a template that builds the VPC and one for a VPC HaNat did not build comes in a
    /// <see cref="NatWiring"/>: the role's policy, the user data, the subnets the NATs launch in and what the group waits for.
    /// </summary>
    internal static class NatResources
    {
        public const string RoleId = "NatRole";
        public const string InstanceProfileId = "NatInstanceProfile";
        public const string LaunchTemplateId = "NatLaunchTemplate";
        public const string GroupId = "NatAutoScalingGroup";

        /// <summary>
        /// True when the stack's InstanceType is the one the spot peers were chosen for at export: only then may the
        /// group launch them (a peer of another type's architecture could not run the image).
        /// </summary>
        public const string SpotPeersFitCondition = "SpotPeersFitInstanceType";

        /// <summary>The conditions the NAT resources use beyond HasKeyName: with -Spot, whether the peer types fit.</summary>
        public static void AddConditions(JsonObject conditions, TemplateContext context)
        {
            var spot = context.Deployment.AutoScalingGroup.Spot;
            // A type without peers has nothing to choose: the overrides are InstanceType alone, and an unused condition is an error to cfn-lint.
            if (spot == null || spot.InstanceTypes.Count == 1) return;
            conditions[SpotPeersFitCondition] = Cfn.EqualsTo(Cfn.Ref(CloudFormationTemplate.InstanceTypeParameter), JsonValue.Create(spot.InstanceTypes[0])!);
        }

        /// <summary>The role's tags as New-HaNatVpc makes them: HaNat's, and the digest of its policy (Update-HaNatVpc reads it).</summary>
        private static JsonArray RoleTags(TemplateContext context)
        {
            var tags = context.Tags(LayoutComponents.NatRole);
            tags.Add(new JsonObject { ["Key"] = HaNatTags.NatPolicy, ["Value"] = context.Deployment.NatRole.PolicyDigest });
            return tags;
        }

        public static void AddTo(JsonObject resources, TemplateContext context, NatWiring wiring)
        {
            var layout = context.Deployment;
            var iamName = context.Text(LayoutNames.IamName(TemplateContext.NameVariable, "${AWS::Region}"));
            resources[RoleId] = NetworkResources.Resource("AWS::IAM::Role", new JsonObject
            {
                ["RoleName"] = iamName,
                ["Path"] = layout.NatRole.Path,
                // As New-HaNatVpc describes it.
                ["Description"] = Cfn.Sub("HaNat NAT instances of VPC " + TemplateContext.NameVariable + " in ${AWS::Region}"),
                ["AssumeRolePolicyDocument"] = Cfn.Policy(layout.NatRole.TrustPolicy),
                ["Policies"] = new JsonArray(new JsonObject
                {
                    ["PolicyName"] = layout.NatRole.PolicyName,
                    ["PolicyDocument"] = wiring.Policy,
                }),
                ["Tags"] = RoleTags(context),
            });
            resources[InstanceProfileId] = NetworkResources.Resource("AWS::IAM::InstanceProfile", new JsonObject
            {
                ["InstanceProfileName"] = iamName.DeepClone(),
                ["Path"] = layout.NatInstanceProfile.Path,
                ["Roles"] = new JsonArray(Cfn.Ref(RoleId)),
            });
            resources[LaunchTemplateId] = LaunchTemplate(context, wiring.UserData);
            resources[GroupId] = Group(context, wiring);
        }

        /// <summary>
        /// HaNat's tags on what the template launches; in a VPC HaNat did not build also hanat:served-by=&lt;Name&gt;, from
        /// which the NATs' takeover and monitor learn which subnets they serve (the AMI's units pass no tag).
        /// </summary>
        private static JsonArray LaunchedTags(TemplateContext context)
        {
            var tags = context.Tags(LayoutComponents.NatInstance);
            if (context.Deployment.ServedBy != null)
            {
                tags.Add(new JsonObject { ["Key"] = HaNatTags.ServedBy, ["Value"] = context.Text(context.Deployment.ServedBy) });
            }
            return tags;
        }

        private static JsonObject LaunchTemplate(TemplateContext context, string userData)
        {
            var template = context.Deployment.LaunchTemplate;
            var launched = Cfn.Array(template.TaggedResourceTypes.Select(type => (JsonNode)new JsonObject
            {
                ["ResourceType"] = type,
                ["Tags"] = LaunchedTags(context),
            }));
            var data = new JsonObject
            {
                ["ImageId"] = Cfn.Ref(CloudFormationTemplate.ImageIdParameter),
                ["InstanceType"] = Cfn.Ref(CloudFormationTemplate.InstanceTypeParameter),
                ["KeyName"] = Cfn.If(CloudFormationTemplate.HasKeyNameCondition, Cfn.Ref(CloudFormationTemplate.KeyNameParameter), Cfn.NoValue),
                ["IamInstanceProfile"] = new JsonObject { ["Arn"] = Cfn.GetAtt(InstanceProfileId, "Arn") },
                ["MetadataOptions"] = new JsonObject
                {
                    ["HttpTokens"] = template.HttpTokens,
                    ["HttpPutResponseHopLimit"] = template.HttpPutResponseHopLimit,
                    ["HttpEndpoint"] = template.HttpEndpoint,
                },
                ["BlockDeviceMappings"] = new JsonArray(new JsonObject
                {
                    ["DeviceName"] = template.RootDeviceName,
                    ["Ebs"] = new JsonObject
                    {
                        ["VolumeType"] = template.RootVolumeType,
                        ["Encrypted"] = template.RootVolumeEncrypted,
                        ["DeleteOnTermination"] = template.DeleteRootVolumeOnTermination,
                    },
                }),
                ["NetworkInterfaces"] = new JsonArray(new JsonObject
                {
                    ["DeviceIndex"] = 0,
                    ["AssociatePublicIpAddress"] = template.AssociatePublicIpAddress,
                    ["Groups"] = new JsonArray(Cfn.Ref(CloudFormationTemplate.SecurityGroupId)),
                    ["DeleteOnTermination"] = true,
                }),
                ["UserData"] = Cfn.Base64(Cfn.Sub(userData)),
                ["TagSpecifications"] = launched,
            };
            return NetworkResources.Resource("AWS::EC2::LaunchTemplate", new JsonObject
            {
                ["LaunchTemplateName"] = context.Text(LayoutNames.LaunchTemplateName(TemplateContext.NameVariable)),
                ["VersionDescription"] = "HaNat NAT",
                ["LaunchTemplateData"] = data,
                ["TagSpecifications"] = new JsonArray(new JsonObject
                {
                    ["ResourceType"] = "launch-template",
                    ["Tags"] = context.Tags(LayoutComponents.LaunchTemplate),
                }),
            });
        }

        private static JsonObject Group(TemplateContext context, NatWiring wiring)
        {
            var group = context.Deployment.AutoScalingGroup;
            var template = new JsonObject
            {
                ["LaunchTemplateId"] = Cfn.Ref(LaunchTemplateId),
                ["Version"] = Cfn.GetAtt(LaunchTemplateId, "LatestVersionNumber"),
            };
            var properties = new JsonObject
            {
                ["AutoScalingGroupName"] = context.Text(LayoutNames.AutoScalingGroupName(TemplateContext.NameVariable)),
                ["MinSize"] = Count(group.MinSize),
                ["MaxSize"] = Count(group.MaxSize),
                ["DesiredCapacity"] = Count(group.DesiredCapacity),
            };
            if (group.Spot == null)
            {
                properties["LaunchTemplate"] = template;
            }
            else
            {
                // The group takes the template inside its mixed instances policy, as New-HaNatVpc -Spot makes it.
                properties["MixedInstancesPolicy"] = MixedInstancesPolicy(group.Spot, template);
                properties["CapacityRebalance"] = group.Spot.CapacityRebalance;
            }
            properties["VPCZoneIdentifier"] = Cfn.Array(wiring.LaunchSubnets.Select(s => s.DeepClone()));
            properties["HealthCheckType"] = group.HealthCheckType;
            properties["HealthCheckGracePeriod"] = group.HealthCheckGracePeriodSeconds;
            properties["Tags"] = context.GroupTags();
            var resource = NetworkResources.Resource("AWS::AutoScaling::AutoScalingGroup", properties);
            // A NAT takes its zone over at boot: what it needs by then, though nothing in the group refers to it.
            resource["DependsOn"] = Cfn.Strings(wiring.GroupDependsOn);
            return resource;
        }

        /// <summary>
        /// The stack's InstanceType first; the peers chosen at export follow only while InstanceType is still the
        /// type they were chosen for (<see cref="SpotPeersFitCondition"/>).
        /// </summary>
        private static JsonObject MixedInstancesPolicy(NatDeployment.SpotLayout spot, JsonObject template)
        {
            JsonNode Override(JsonNode type) => new JsonObject { ["InstanceType"] = type };
            var chosen = Override(Cfn.Ref(CloudFormationTemplate.InstanceTypeParameter));
            var withPeers = new JsonArray(new[] { chosen.DeepClone() }.Concat(spot.InstanceTypes.Skip(1).Select(t => Override(JsonValue.Create(t)!))).ToArray());
            return new JsonObject
            {
                ["LaunchTemplate"] = new JsonObject
                {
                    ["LaunchTemplateSpecification"] = template,
                    ["Overrides"] = spot.InstanceTypes.Count == 1 ? new JsonArray(chosen) : Cfn.If(SpotPeersFitCondition, withPeers, new JsonArray(chosen)),
                },
                ["InstancesDistribution"] = new JsonObject
                {
                    ["OnDemandAllocationStrategy"] = spot.OnDemandAllocationStrategy,
                    ["OnDemandBaseCapacity"] = spot.OnDemandBaseCapacity,
                    ["OnDemandPercentageAboveBaseCapacity"] = spot.OnDemandPercentageAboveBaseCapacity,
                    ["SpotAllocationStrategy"] = spot.SpotAllocationStrategy,
                },
            };
        }

        // CloudFormation's schema types the group's sizes as strings.
        private static JsonNode Count(int value) => JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
    }
}
