using HaNat.Aws.AutoScaling.Model;

namespace HaNat.NatDeployment
{
    /// <summary>A <see cref="SpotLayout"/> as Auto Scaling takes it: the mixed instances policy of CreateAutoScalingGroup and UpdateAutoScalingGroup.</summary>
    internal static class SpotPolicy
    {
        public static MixedInstancesPolicy Of(SpotLayout spot, LaunchTemplateSpecification template) => new MixedInstancesPolicy
        {
            LaunchTemplate = new LaunchTemplate
            {
                LaunchTemplateSpecification = template,
                Overrides = spot.InstanceTypes.Select(type => new LaunchTemplateOverrides { InstanceType = type }).ToList(),
            },
            InstancesDistribution = new InstancesDistribution
            {
                OnDemandAllocationStrategy = spot.OnDemandAllocationStrategy,
                OnDemandBaseCapacity = spot.OnDemandBaseCapacity,
                OnDemandPercentageAboveBaseCapacity = spot.OnDemandPercentageAboveBaseCapacity,
                SpotAllocationStrategy = spot.SpotAllocationStrategy,
            },
        };

        /// <summary>
        /// Whether a group as described runs NATs on spot: it has a mixed instances policy that leaves some capacity to
        /// spot (the service's default, with no distribution, is all on-demand).
        /// </summary>
        public static bool IsSpot(MixedInstancesPolicy? policy)
        {
            if (policy == null) return false;
            var distribution = policy.InstancesDistribution;
            return (distribution?.OnDemandPercentageAboveBaseCapacity ?? 100) < 100;
        }
    }
}
