// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>Changes the fields that are set and leaves the others as they are.</summary>
    internal class UpdateAutoScalingGroupRequest : QueryRequest<UpdateAutoScalingGroupResponse>
    {
        public string AutoScalingGroupName { get; set; }
        public LaunchTemplateSpecification LaunchTemplate { get; set; }
        public int? MinSize { get; set; }
        public int? MaxSize { get; set; }
        public int? DesiredCapacity { get; set; }
        public string VPCZoneIdentifier { get; set; }
        public string HealthCheckType { get; set; }
        public int? HealthCheckGracePeriod { get; set; }
        /// <summary>Instead of LaunchTemplate: several instance types, spot and on-demand (a group has one or the other).</summary>
        public MixedInstancesPolicy MixedInstancesPolicy { get; set; }
        /// <summary>Replace a spot instance that received a rebalance recommendation before it is interrupted.</summary>
        public bool? CapacityRebalance { get; set; }

        internal override string LogDetail => $"{AutoScalingGroupName} min={MinSize} max={MaxSize} desired={DesiredCapacity}";
    }

    internal class UpdateAutoScalingGroupResponse : AmazonWebServiceResponse
    {
    }
}
