using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Tagging;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Build
{
    /// <summary>
    /// Answers "did this build make the resource of this name?" after a create call failed: it exists and is tagged
    /// with this build's VPC id (the heartbeat key: holds this build's key). A create can fail and still have taken
    /// effect (its reply was lost; or a retry of a call that had succeeded was refused as AlreadyExists), and a
    /// rollback must remove such a resource, but never one that another run made under the same name meanwhile.
    /// </summary>
    internal sealed class NamedResourceProbe(AwsSession session, IAmazonEC2 ec2, IIamClient iam,
        IAutoScalingClient autoScaling, IAmazonSimpleSystemsManagement ssm)
    {
        private readonly AwsSession _session = session;
        private readonly IAmazonEC2 _ec2 = ec2;
        private readonly IIamClient _iam = iam;
        private readonly IAutoScalingClient _autoScaling = autoScaling;
        private readonly IAmazonSimpleSystemsManagement _ssm = ssm;

        public async Task<bool> RoleIsOfAsync(string roleName, string vpcId)
        {
            Role? role = null;
            await AwsExistence.ExistsAsync(async () =>
                role = (await _iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, _session.Cancellation).ConfigureAwait(false)).Role).ConfigureAwait(false);
            return role?.Tags != null && TaggedFor(role.Tags.Select(t => (t.Key, t.Value)), vpcId);
        }

        public async Task<bool> InstanceProfileIsOfAsync(string profileName, string vpcId)
        {
            InstanceProfile? profile = null;
            await AwsExistence.ExistsAsync(async () =>
                profile = (await _iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = profileName }, _session.Cancellation).ConfigureAwait(false)).InstanceProfile)
                .ConfigureAwait(false);
            return profile?.Tags != null && TaggedFor(profile.Tags.Select(t => (t.Key, t.Value)), vpcId);
        }

        public async Task<bool> LaunchTemplateIsOfAsync(string templateName, string vpcId)
        {
            var templates = await new Ec2Reads(_ec2, _session).LaunchTemplatesAsync(new List<Filter> { Ec2Reads.By("launch-template-name", templateName) },
                "launch-template-name=" + templateName).ConfigureAwait(false);
            var template = templates.FirstOrDefault(t => t.Name == templateName);
            return template != null && TaggedFor(template.Tags.Select(t => (t.Key, t.Value)), vpcId);
        }

        public async Task<bool> GroupIsOfAsync(string groupName, string vpcId)
        {
            var response = await _autoScaling.DescribeAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            var group = (response.AutoScalingGroups ?? new List<AutoScalingGroup>()).FirstOrDefault(g => g.AutoScalingGroupName == groupName);
            return group?.Tags != null && TaggedFor(group.Tags.Select(t => (t.Key, t.Value)), vpcId);
        }

        /// <summary>The parameter holds <paramref name="value"/>: a random key only this build knows.</summary>
        public async Task<bool> ParameterHoldsAsync(string name, string value)
        {
            Parameter? parameter = null;
            await AwsExistence.ExistsAsync(async () => parameter = (await _session.Call("SSM", "GetParameter", name + " (decrypted)",
                ct => _ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct)).ConfigureAwait(false)).Parameter).ConfigureAwait(false);
            return parameter != null && parameter.Value == value;
        }

        private static bool TaggedFor(IEnumerable<(string Key, string Value)> tags, string vpcId) =>
            tags.Any(t => t.Key == HaNatTags.VpcId && t.Value == vpcId);
    }
}
