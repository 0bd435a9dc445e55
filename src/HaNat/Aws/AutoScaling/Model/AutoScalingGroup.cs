// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using System;
using System.Collections.Generic;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A group as DescribeAutoScalingGroups returns it (the fields HaNat reads).</summary>
    internal class AutoScalingGroup
    {
        public string AutoScalingGroupName { get; set; }
        public string AutoScalingGroupARN { get; set; }
        public LaunchTemplateSpecification LaunchTemplate { get; set; }
        public int? MinSize { get; set; }
        public int? MaxSize { get; set; }
        public int? DesiredCapacity { get; set; }
        public int? DefaultCooldown { get; set; }
        public List<string> AvailabilityZones { get; set; }
        public string HealthCheckType { get; set; }
        public int? HealthCheckGracePeriod { get; set; }
        public List<Instance> Instances { get; set; }
        public DateTime? CreatedTime { get; set; }
        /// <summary>The subnet ids, comma-separated.</summary>
        public string VPCZoneIdentifier { get; set; }
        public List<TagDescription> Tags { get; set; }
        public List<string> TerminationPolicies { get; set; }
        /// <summary>Set while the group is being deleted ("Delete in progress").</summary>
        public string Status { get; set; }
    }
}
