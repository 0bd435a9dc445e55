using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling
{
    /// <summary>Turns Auto Scaling requests into Query parameters, with the member names of the 2011-01-01 API.</summary>
    internal static class AutoScalingMarshaller
    {
        public static QueryParameters Marshal(CreateAutoScalingGroupRequest request)
        {
            var parameters = new QueryParameters()
                .Add("AutoScalingGroupName", request.AutoScalingGroupName)
                .AddStruct("LaunchTemplate", request.LaunchTemplate, WriteLaunchTemplate)
                .Add("MinSize", request.MinSize)
                .Add("MaxSize", request.MaxSize)
                .Add("DesiredCapacity", request.DesiredCapacity)
                .Add("DefaultCooldown", request.DefaultCooldown)
                .AddList("AvailabilityZones", request.AvailabilityZones)
                .Add("VPCZoneIdentifier", request.VPCZoneIdentifier)
                .Add("HealthCheckType", request.HealthCheckType)
                .Add("HealthCheckGracePeriod", request.HealthCheckGracePeriod)
                .AddList("TerminationPolicies", request.TerminationPolicies)
                .AddList("Tags", request.Tags, WriteTag);
            return parameters;
        }

        public static QueryParameters Marshal(DescribeAutoScalingGroupsRequest request) =>
            new QueryParameters()
                .AddList("AutoScalingGroupNames", request.AutoScalingGroupNames)
                .AddList("Filters", request.Filters, (p, filter) => p.Add("Name", filter.Name).AddList("Values", filter.Values))
                .Add("MaxRecords", request.MaxRecords)
                .Add("NextToken", request.NextToken);

        public static QueryParameters Marshal(UpdateAutoScalingGroupRequest request) =>
            new QueryParameters()
                .Add("AutoScalingGroupName", request.AutoScalingGroupName)
                .AddStruct("LaunchTemplate", request.LaunchTemplate, WriteLaunchTemplate)
                .Add("MinSize", request.MinSize)
                .Add("MaxSize", request.MaxSize)
                .Add("DesiredCapacity", request.DesiredCapacity)
                .Add("VPCZoneIdentifier", request.VPCZoneIdentifier)
                .Add("HealthCheckType", request.HealthCheckType)
                .Add("HealthCheckGracePeriod", request.HealthCheckGracePeriod);

        public static QueryParameters Marshal(DeleteAutoScalingGroupRequest request) =>
            new QueryParameters()
                .Add("AutoScalingGroupName", request.AutoScalingGroupName)
                .Add("ForceDelete", request.ForceDelete);

        public static QueryParameters Marshal(SetInstanceHealthRequest request) =>
            new QueryParameters()
                .Add("InstanceId", request.InstanceId)
                .Add("HealthStatus", request.HealthStatus)
                .Add("ShouldRespectGracePeriod", request.ShouldRespectGracePeriod);

        public static QueryParameters Marshal(DescribeAutoScalingInstancesRequest request) =>
            new QueryParameters()
                .AddList("InstanceIds", request.InstanceIds)
                .Add("MaxRecords", request.MaxRecords)
                .Add("NextToken", request.NextToken);

        private static void WriteLaunchTemplate(QueryParameters p, LaunchTemplateSpecification template) =>
            p.Add("LaunchTemplateId", template.LaunchTemplateId)
             .Add("LaunchTemplateName", template.LaunchTemplateName)
             .Add("Version", template.Version);

        private static void WriteTag(QueryParameters p, Tag tag) =>
            p.Add("Key", tag.Key)
             .Add("Value", tag.Value)
             .Add("PropagateAtLaunch", tag.PropagateAtLaunch)
             .Add("ResourceId", tag.ResourceId)
             .Add("ResourceType", tag.ResourceType);
    }
}
