// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    internal class CreateAutoScalingGroupRequest : QueryRequest<CreateAutoScalingGroupResponse>
    {
        public string AutoScalingGroupName { get; set; }
        public LaunchTemplateSpecification LaunchTemplate { get; set; }
        public int? MinSize { get; set; }
        public int? MaxSize { get; set; }
        public int? DesiredCapacity { get; set; }
        public int? DefaultCooldown { get; set; }
        /// <summary>Zones for a group outside a VPC; a VPC group gives VPCZoneIdentifier instead.</summary>
        public List<string> AvailabilityZones { get; set; }
        /// <summary>The subnet ids, comma-separated; the group spreads its instances over their zones.</summary>
        public string VPCZoneIdentifier { get; set; }
        /// <summary>EC2 or ELB.</summary>
        public string HealthCheckType { get; set; }
        public int? HealthCheckGracePeriod { get; set; }
        public List<string> TerminationPolicies { get; set; }
        public List<Tag> Tags { get; set; }
        /// <summary>Instead of LaunchTemplate: several instance types, spot and on-demand (a group has one or the other).</summary>
        public MixedInstancesPolicy MixedInstancesPolicy { get; set; }
        /// <summary>Replace a spot instance that received a rebalance recommendation before it is interrupted.</summary>
        public bool? CapacityRebalance { get; set; }

        internal override string LogDetail => AutoScalingGroupName;
    }

    internal class CreateAutoScalingGroupResponse : AmazonWebServiceResponse
    {
    }
}
