using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;

namespace HaNat.Install
{
    /// <summary>What Add-HaNatVpc writes to the pipeline: the deployment it made, in the shape Get-HaNatVpc gives.</summary>
    internal static class AddedVpc
    {
        public static HaNatVpc Describe(InstallPlan plan, ExistingVpc vpc, string region, NatDeploymentBuild deployment, InstallWrites writes)
        {
            var name = plan.Name;
            var zones = plan.Zones.Select((zone, i) => new HaNatVpcZone(zone.Zone, zone.PublicSubnetId, null, null,
                deployment.AllocationIds[i], deployment.PublicIps[i], zone.ServedTables.Select(t => t.TableId ?? writes.MadeTables[t])));
            var profile = LayoutNames.IamName(name, region);
            return new HaNatVpc(name, plan.VpcId, plan.CidrBlocks[0], region, zones,
                vpc.InternetGatewayIds.FirstOrDefault(), null, deployment.SecurityGroupId, LayoutNames.AutoScalingGroupName(name),
                deployment.LaunchTemplateId, LayoutNames.LaunchTemplateName(name), profile, profile, HeartbeatKey.ParameterName(name),
                isAdded: true, isSpot: deployment.IsSpot);
        }
    }
}
