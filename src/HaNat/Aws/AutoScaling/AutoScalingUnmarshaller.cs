using System.Linq;
using System.Xml.Linq;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>
    /// Reads Auto Scaling replies into the model. Lists are never null here (an absent list is an empty one),
    /// which is kinder than the SDK v4 default of null; code that also checks for null works with both.
    /// </summary>
    internal static class AutoScalingUnmarshaller
    {
        public static DescribeAutoScalingGroupsResponse DescribeAutoScalingGroups(XElement result) =>
            new DescribeAutoScalingGroupsResponse
            {
                AutoScalingGroups = result.Members("AutoScalingGroups").Select(Group).ToList(),
                NextToken = NullIfEmpty(result.Text("NextToken")),
            };

        public static DescribeAutoScalingInstancesResponse DescribeAutoScalingInstances(XElement result) =>
            new DescribeAutoScalingInstancesResponse
            {
                AutoScalingInstances = result.Members("AutoScalingInstances").Select(InstanceDetails).ToList(),
                NextToken = NullIfEmpty(result.Text("NextToken")),
            };

        public static AutoScalingGroup Group(XElement e) => new AutoScalingGroup
        {
            AutoScalingGroupName = e.Text("AutoScalingGroupName"),
            AutoScalingGroupARN = e.Text("AutoScalingGroupARN"),
            LaunchTemplate = LaunchTemplate(e.Child("LaunchTemplate")),
            MinSize = e.Int("MinSize"),
            MaxSize = e.Int("MaxSize"),
            DesiredCapacity = e.Int("DesiredCapacity"),
            DefaultCooldown = e.Int("DefaultCooldown"),
            AvailabilityZones = e.StringMembers("AvailabilityZones"),
            HealthCheckType = e.Text("HealthCheckType"),
            HealthCheckGracePeriod = e.Int("HealthCheckGracePeriod"),
            Instances = e.Members("Instances").Select(Instance).ToList(),
            CreatedTime = e.Date("CreatedTime"),
            VPCZoneIdentifier = e.Text("VPCZoneIdentifier"),
            Tags = e.Members("Tags").Select(TagDescription).ToList(),
            TerminationPolicies = e.StringMembers("TerminationPolicies"),
            Status = e.Text("Status"),
        };

        private static Instance Instance(XElement e) => new Instance
        {
            InstanceId = e.Text("InstanceId"),
            InstanceType = e.Text("InstanceType"),
            AvailabilityZone = e.Text("AvailabilityZone"),
            LifecycleState = e.Text("LifecycleState"),
            HealthStatus = e.Text("HealthStatus"),
            LaunchTemplate = LaunchTemplate(e.Child("LaunchTemplate")),
            ProtectedFromScaleIn = e.Bool("ProtectedFromScaleIn"),
        };

        private static AutoScalingInstanceDetails InstanceDetails(XElement e) => new AutoScalingInstanceDetails
        {
            InstanceId = e.Text("InstanceId"),
            InstanceType = e.Text("InstanceType"),
            AutoScalingGroupName = e.Text("AutoScalingGroupName"),
            AvailabilityZone = e.Text("AvailabilityZone"),
            LifecycleState = e.Text("LifecycleState"),
            HealthStatus = e.Text("HealthStatus"),
            LaunchTemplate = LaunchTemplate(e.Child("LaunchTemplate")),
            ProtectedFromScaleIn = e.Bool("ProtectedFromScaleIn"),
        };

        private static TagDescription TagDescription(XElement e) => new TagDescription
        {
            Key = e.Text("Key"),
            Value = e.Text("Value"),
            PropagateAtLaunch = e.Bool("PropagateAtLaunch"),
            ResourceId = e.Text("ResourceId"),
            ResourceType = e.Text("ResourceType"),
        };

        private static LaunchTemplateSpecification? LaunchTemplate(XElement? e) => e == null
            ? null
            : new LaunchTemplateSpecification
            {
                LaunchTemplateId = e.Text("LaunchTemplateId"),
                LaunchTemplateName = e.Text("LaunchTemplateName"),
                Version = e.Text("Version"),
            };

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
