using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Ec2;
using HaNat.Aws.Iam;
using HaNat.Layout;
using HaNat.Model;
using HaNat.Network;

namespace HaNat.Build
{
    /// <summary>
    /// Everything New-HaNatVpc checks before its first write. The inputs' form first, with no AWS call (a bad CIDR
    /// costs nothing); then, in one round of concurrent reads, that the zones, the image and the key pair exist and
    /// that the name is free; then the layout, planned from the answers. Only reads happen here.
    /// </summary>
    internal sealed class BuildPreflight(AwsSession session, IAmazonEC2 ec2, IIamClient iam,
        IAutoScalingClient autoScaling, IAmazonSimpleSystemsManagement ssm)
    {
        private readonly AwsSession _session = session;
        private readonly Ec2Reads _reads = new Ec2Reads(ec2, session);
        private readonly NatPreflight _nat = new NatPreflight(session, ec2, iam, autoScaling, ssm);

        public async Task<PreflightResult> RunAsync(BuildRequest request)
        {
            var name = LayoutInputRules.CheckName(request.Name);
            VpcCidr.Parse(request.CidrBlock);
            if (request.AvailabilityZones != null) LayoutInputRules.CheckZones(request.AvailabilityZones);
            var imageId = LayoutInputRules.CheckImageId(request.ImageId);
            var keyName = LayoutInputRules.CheckKeyName(request.KeyName);
            LayoutInputRules.CheckSshCidr(request.SshCidr);
            if (request.InstanceType != null) LayoutInputRules.CheckInstanceType(request.InstanceType, NatArchitecture.Arm64);
            LayoutInputRules.CheckGracePeriod(request.HealthCheckGracePeriodSeconds);
            Alarms.AlarmPlanner.CheckAlarmAction(request.AlarmAction, request.Alarms);

            var region = _session.Region;
            var zones = _reads.AvailabilityZonesAsync();
            var nat = _nat.Start(name, imageId, keyName, request.InstanceType, checkName: true);
            try
            {
                await Task.WhenAll(zones, nat.Settled).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Every read has ended; the first failure in the order below is the one reported.
            }

            var chosenZones = BuildChecks.ChooseZones(await zones.ConfigureAwait(false), request.AvailabilityZones, request.ZoneCount, region);
            var image = await nat.CheckAsync().ConfigureAwait(false);

            var layout = VpcLayoutPlanner.Plan(new VpcLayoutRequest
            {
                Name = name,
                CidrBlock = request.CidrBlock,
                AvailabilityZones = chosenZones,
                Region = region,
                Architecture = image.Architecture,
                InstanceType = request.InstanceType,
                ImageId = image.ImageId,
                KeyName = keyName,
                SshCidr = request.SshCidr,
                RootDeviceName = image.RootDeviceName,
                HealthCheckGracePeriodSeconds = request.HealthCheckGracePeriodSeconds,
                Spot = request.Spot,
                AlarmAction = request.AlarmAction,
                Alarms = request.Alarms,
            });
            return new PreflightResult(layout, image.RootVolumeSizeGiB);
        }
    }
}
