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
                ["Tags"] = context.Tags(LayoutComponents.NatRole),
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
            var resource = NetworkResources.Resource("AWS::AutoScaling::AutoScalingGroup", new JsonObject
            {
                ["AutoScalingGroupName"] = context.Text(LayoutNames.AutoScalingGroupName(TemplateContext.NameVariable)),
                ["MinSize"] = Count(group.MinSize),
                ["MaxSize"] = Count(group.MaxSize),
                ["DesiredCapacity"] = Count(group.DesiredCapacity),
                ["LaunchTemplate"] = new JsonObject
                {
                    ["LaunchTemplateId"] = Cfn.Ref(LaunchTemplateId),
                    ["Version"] = Cfn.GetAtt(LaunchTemplateId, "LatestVersionNumber"),
                },
                ["VPCZoneIdentifier"] = Cfn.Array(wiring.LaunchSubnets.Select(s => s.DeepClone())),
                ["HealthCheckType"] = group.HealthCheckType,
                ["HealthCheckGracePeriod"] = group.HealthCheckGracePeriodSeconds,
                ["Tags"] = context.GroupTags(),
            });
            // A NAT takes its zone over at boot: what it needs by then, though nothing in the group refers to it.
            resource["DependsOn"] = Cfn.Strings(wiring.GroupDependsOn);
            return resource;
        }

        // CloudFormation's schema types the group's sizes as strings.
        private static JsonNode Count(int value) => JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
    }
}
