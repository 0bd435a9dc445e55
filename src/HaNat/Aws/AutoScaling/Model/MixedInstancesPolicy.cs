// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// A group that launches several instance types and buys spot as well as on-demand: the launch template with its
    /// overrides, and how the group's capacity is split. A group has either this or a LaunchTemplate, not both.
    /// </summary>
    internal class MixedInstancesPolicy
    {
        public LaunchTemplate LaunchTemplate { get; set; }
        /// <summary>Unset fields take the service's defaults (all on-demand, OnDemandPercentageAboveBaseCapacity 100).</summary>
        public InstancesDistribution InstancesDistribution { get; set; }
    }

    /// <summary>The mixed instances policy's launch template and the types it may launch in place of the template's own.</summary>
    internal class LaunchTemplate
    {
        public LaunchTemplateSpecification LaunchTemplateSpecification { get; set; }
        /// <summary>In priority order (the on-demand allocation strategy "prioritized" launches the first with capacity).</summary>
        public List<LaunchTemplateOverrides> Overrides { get; set; }
    }

    /// <summary>One instance type the group may launch instead of the launch template's.</summary>
    internal class LaunchTemplateOverrides
    {
        public string InstanceType { get; set; }
    }

    /// <summary>How many instances are on-demand, and how spot and on-demand instance types are chosen.</summary>
    internal class InstancesDistribution
    {
        /// <summary>prioritized (the overrides' order) or lowest-price.</summary>
        public string OnDemandAllocationStrategy { get; set; }
        /// <summary>Instances launched on-demand before any spot.</summary>
        public int? OnDemandBaseCapacity { get; set; }
        /// <summary>Of the instances beyond the base, the percentage on-demand (0 to 100; the service's default is 100).</summary>
        public int? OnDemandPercentageAboveBaseCapacity { get; set; }
        /// <summary>price-capacity-optimized, capacity-optimized, capacity-optimized-prioritized, lowest-price.</summary>
        public string SpotAllocationStrategy { get; set; }
        /// <summary>The most a spot hour may cost; unset: up to the on-demand price.</summary>
        public string SpotMaxPrice { get; set; }
    }
}
