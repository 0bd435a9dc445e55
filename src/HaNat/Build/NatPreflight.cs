using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Images;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Tagging;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Build
{
    /// <summary>
    /// What every NAT deployment checks in AWS before its first write, for New-HaNatVpc and Add-HaNatVpc alike: that
    /// the image exists and runs on the instance type, that the key pair exists, and that the name is free. The reads
    /// run at once (<see cref="Start"/>); the checks are made in a fixed order, so the same bad input always gives the
    /// same error whatever answers first.
    /// </summary>
    internal sealed class NatPreflight(AwsSession session, IAmazonEC2 ec2, IIamClient iam, IAutoScalingClient autoScaling,
        IAmazonSimpleSystemsManagement ssm)
    {
        private readonly AwsSession _session = session;
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly Ec2Reads _reads = new Ec2Reads(ec2, session);
        private readonly IIamClient _iam = iam;
        private readonly IAutoScalingClient _autoScaling = autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm = ssm;

        /// <summary>
        /// Starts the reads for a deployment named <paramref name="name"/>: the image (the newest HaNat image when none
        /// is given, of the instance type's architecture when a type is), the key pair, and, when
        /// <paramref name="checkName"/>, every use of the name (a HaNat VPC of that name, or what a deployment of that name
        /// makes: role, profile, group, template, heartbeat key; a deployment Add-HaNatVpc made has them all).
        /// </summary>
        public Reads Start(string name, string? imageId, string? keyName, string? instanceType, bool checkName)
        {
            var finder = new HaNatImageFinder(_ec2, _session);
            // With no image but a type, the newest image the type can run: a t3 gets the x86_64 image.
            var image = imageId != null
                ? finder.DescribeAsync(imageId)
                : NewestImageAsync(finder, instanceType == null ? (NatArchitecture?)null : NatInstanceTypes.GuessArchitecture(instanceType));
            var keyExists = keyName == null ? Task.FromResult(true) : KeyPairExistsAsync(keyName);
            var nameUse = checkName ? ReadNameUseAsync(name) : null;
            return new Reads(image, keyExists, nameUse, imageId, keyName, instanceType, _session.Region);
        }

        /// <summary>The running reads of one preflight, and the checks made on their answers.</summary>
        internal sealed class Reads
        {
            private readonly Task<Image?> _image;
            private readonly Task<bool> _keyExists;
            private readonly Task<NameUse>? _nameUse;
            private readonly string? _imageId;
            private readonly string? _keyName;
            private readonly string? _instanceType;
            private readonly string _region;

            public Reads(Task<Image?> image, Task<bool> keyExists, Task<NameUse>? nameUse, string? imageId, string? keyName, string? instanceType, string region)
            {
                _image = image;
                _keyExists = keyExists;
                _nameUse = nameUse;
                _imageId = imageId;
                _keyName = keyName;
                _instanceType = instanceType;
                _region = region;
            }

            /// <summary>
            /// Ends when every read has ended, however it ended, and never fails: a failure is reported by
            /// <see cref="CheckAsync"/>, in its order, whatever answered first.
            /// </summary>
            public Task<bool> Settled => Task.WhenAll(new Task[] { _image, _keyExists, _nameUse ?? Task.CompletedTask }).ContinueWith(_ => true, TaskScheduler.Default);

            /// <summary>The checks, in order: image, type against image, key pair, name.</summary>
            public async Task<CheckedImage> CheckAsync()
            {
                var found = await _image.ConfigureAwait(false);
                var (architecture, rootDevice) = BuildChecks.CheckImage(found, _imageId ?? found?.ImageId ?? "(newest HaNat image)", _region);
                if (_instanceType != null) LayoutInputRules.CheckInstanceTypeArchitecture(_instanceType.Trim(), architecture, found!.ImageId);
                if (_keyName != null) BuildChecks.CheckKeyPair(await _keyExists.ConfigureAwait(false), _keyName, _region);
                if (_nameUse != null) BuildChecks.CheckNameFree(await _nameUse.ConfigureAwait(false));
                return new CheckedImage(found!.ImageId, architecture, rootDevice, RootVolumeSize(found, rootDevice));
            }
        }

        /// <summary>The size of the image's root volume, from its block device mapping; null when the image does not say.</summary>
        public static int? RootVolumeSize(Image image, string rootDevice) =>
            (image.BlockDeviceMappings ?? new List<BlockDeviceMapping>()).FirstOrDefault(m => m.DeviceName == rootDevice)?.Ebs?.VolumeSize;

        private static async Task<Image?> NewestImageAsync(HaNatImageFinder finder, NatArchitecture? architecture) =>
            await finder.FindNewestAsync(architecture).ConfigureAwait(false);

        private async Task<IReadOnlyList<Ec2AvailabilityZone>> ReadZonesAsync() =>
            await _reads.AvailabilityZonesAsync().ConfigureAwait(false);

        private async Task<bool> KeyPairExistsAsync(string keyName)
        {
            // A filter, not KeyNames: an unknown name is an empty answer rather than an error.
            var keys = await _reads.KeyPairsAsync(new List<Filter> { Ec2Reads.By("key-name", keyName) }, "key-name=" + keyName).ConfigureAwait(false);
            return keys.Any(k => k.Name == keyName);
        }

        private async Task<NameUse> ReadNameUseAsync(string name)
        {
            var region = _session.Region;
            var iamName = LayoutNames.IamName(name, region);
            var groupName = LayoutNames.AutoScalingGroupName(name);
            var templateName = LayoutNames.LaunchTemplateName(name);
            var parameterName = HeartbeatKey.ParameterName(name);

            var vpcs = HaNatVpcsNamedAsync(name);
            var role = AwsExistence.ExistsOrExplainAsync(() => AwsExistence.ExistsAsync(() => _iam.GetRoleAsync(new GetRoleRequest { RoleName = iamName }, _session.Cancellation)),
                "IAM role " + iamName, "iam:GetRole");
            var profile = AwsExistence.ExistsOrExplainAsync(() => AwsExistence.ExistsAsync(() => _iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = iamName }, _session.Cancellation)),
                "IAM instance profile " + iamName, "iam:GetInstanceProfile");
            var group = AwsExistence.ExistsOrExplainAsync(() => GroupExistsAsync(groupName), "Auto Scaling group " + groupName, "autoscaling:DescribeAutoScalingGroups");
            var template = AwsExistence.ExistsOrExplainAsync(() => LaunchTemplateExistsAsync(templateName), "launch template " + templateName, "ec2:DescribeLaunchTemplates");
            var parameter = AwsExistence.ExistsOrExplainAsync(() => AwsExistence.ExistsAsync(() => _session.Call("SSM", "GetParameter", parameterName,
                ct => _ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = false }, ct))),
                "SSM parameter " + parameterName, "ssm:GetParameter");
            await Task.WhenAll(vpcs, role, profile, group, template, parameter).ConfigureAwait(false);

            var taken = new List<string>();
            if (role.Result) taken.Add("IAM role " + iamName);
            if (profile.Result) taken.Add("IAM instance profile " + iamName);
            if (group.Result) taken.Add("Auto Scaling group " + groupName);
            if (template.Result) taken.Add("launch template " + templateName);
            if (parameter.Result) taken.Add("SSM parameter " + parameterName);
            return new NameUse(name, region, vpcs.Result.Select(v => v.VpcId), taken, vpcs.Result.Select(v => v.Name).FirstOrDefault());
        }

        /// <summary>
        /// The HaNat VPCs whose name is this one in any case: IAM role and profile names ignore case, so 'PROD' beside
        /// 'prod' would fail half-way, at the role. EC2 tag filters match case exactly, so the names are compared here.
        /// </summary>
        private async Task<IReadOnlyList<(string VpcId, string Name)>> HaNatVpcsNamedAsync(string name)
        {
            var filters = new List<Filter> { Ec2Reads.By("tag:" + HaNatTags.Managed, HaNatTags.ManagedValue), Ec2Reads.By("tag-key", HaNatTags.VpcName) };
            var vpcs = await _reads.VpcsAsync(filters, $"tag:{HaNatTags.Managed}={HaNatTags.ManagedValue} tag-key={HaNatTags.VpcName}").ConfigureAwait(false);
            return vpcs
                .Select(v => (VpcId: v.Id, Name: v.Tags.TryGetValue(HaNatTags.VpcName, out var tagged) ? tagged : string.Empty))
                .Where(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }

        private async Task<bool> GroupExistsAsync(string groupName)
        {
            var response = await _autoScaling.DescribeAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            return (response.AutoScalingGroups ?? new List<AutoScalingGroup>()).Any(g => g.AutoScalingGroupName == groupName);
        }

        private async Task<bool> LaunchTemplateExistsAsync(string templateName)
        {
            var templates = await _reads.LaunchTemplatesAsync(new List<Filter> { Ec2Reads.By("launch-template-name", templateName) },
                "launch-template-name=" + templateName).ConfigureAwait(false);
            return templates.Any(t => t.Name == templateName);
        }
    }
}
