using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam.Model;
using HaNat.Build;
using HaNat.Tagging;

namespace HaNat.Inventory
{
    /// <summary>The reads of what a deployment names rather than tags in EC2: its group, role, profile and heartbeat key.</summary>
    internal sealed partial class VpcInventoryReader
    {
        /// <summary>Every HaNat group of the region: Auto Scaling's tag filters match names exactly, so names are matched by the caller.</summary>
        private async Task<List<FoundGroup>> HaNatGroupsAsync()
        {
            var filters = new List<Filter> { new Filter { Name = "tag:" + HaNatTags.Managed, Values = new List<string> { HaNatTags.ManagedValue } } };
            var groups = await _autoScaling.DescribeAllAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { Filters = filters, MaxRecords = 100 }, _session.Cancellation).ConfigureAwait(false);
            return groups.Select(ToFound).ToList();
        }

        private async Task<FoundGroup?> GroupAsync(string groupName)
        {
            var groups = await _autoScaling.DescribeAllAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { groupName } }, _session.Cancellation).ConfigureAwait(false);
            return groups.Where(g => g.AutoScalingGroupName == groupName).Select(ToFound).FirstOrDefault();
        }

        private static FoundGroup ToFound(AutoScalingGroup group)
        {
            // A group with a mixed instances policy (-Spot) names its template there, not in LaunchTemplate.
            var template = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
            return new FoundGroup(group.AutoScalingGroupName,
                (group.Instances ?? new List<Instance>()).Select(i => i.InstanceId),
                template?.LaunchTemplateId, template?.LaunchTemplateName,
                (group.Tags ?? new List<TagDescription>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty),
                (group.VPCZoneIdentifier ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()),
                NatDeployment.SpotPolicy.IsSpot(group.MixedInstancesPolicy),
                (group.Instances ?? new List<Instance>()).Select(i => new FoundGroupInstance(i.InstanceId, i.AvailabilityZone, i.LifecycleState, i.HealthStatus)));
        }

        private async Task<FoundIamEntity?> RoleAsync(string roleName)
        {
            var iam = Require(_iam);
            Role? role = null;
            var exists = await AwsExistence.ExistsAsync(async () =>
                role = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, _session.Cancellation).ConfigureAwait(false)).Role).ConfigureAwait(false);
            if (!exists || role == null) return null;
            var policies = await iam.ListAllRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = roleName }, _session.Cancellation).ConfigureAwait(false);
            return new FoundIamEntity(role.RoleName, role.Path ?? "/", policies, IamTags(role.Tags));
        }

        private async Task<FoundIamEntity?> InstanceProfileAsync(string profileName)
        {
            var iam = Require(_iam);
            InstanceProfile? profile = null;
            var exists = await AwsExistence.ExistsAsync(async () =>
                profile = (await iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = profileName }, _session.Cancellation).ConfigureAwait(false)).InstanceProfile)
                .ConfigureAwait(false);
            if (!exists || profile == null) return null;
            return new FoundIamEntity(profile.InstanceProfileName, profile.Path ?? "/",
                (profile.Roles ?? new List<Role>()).Select(r => r.RoleName), IamTags(profile.Tags));
        }

        /// <summary>The parameter's name when it exists. It is read without decryption: only its existence matters.</summary>
        private async Task<string?> ParameterAsync(string parameterName)
        {
            var ssm = Require(_ssm);
            var exists = await AwsExistence.ExistsAsync(() => _session.Call("SSM", "GetParameter", parameterName,
                ct => ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = false }, ct))).ConfigureAwait(false);
            return exists ? parameterName : null;
        }

        /// <summary>
        /// Which of the parameters exist, ten names to a GetParameters call. Read without decryption: only existence
        /// matters, and a SecureString's value stays encrypted.
        /// </summary>
        private async Task<HashSet<string>> ExistingParametersAsync(IReadOnlyList<string> names)
        {
            var ssm = Require(_ssm);
            var found = new HashSet<string>(StringComparer.Ordinal);
            for (var start = 0; start < names.Count; start += MaxParametersPerCall)
            {
                var chunk = names.Skip(start).Take(MaxParametersPerCall).ToList();
                var response = await _session.Call("SSM", "GetParameters", string.Join(", ", chunk),
                    ct => ssm.GetParametersAsync(new GetParametersRequest { Names = chunk, WithDecryption = false }, ct)).ConfigureAwait(false);
                foreach (var parameter in response.Parameters ?? new List<Parameter>()) found.Add(parameter.Name);
            }
            return found;
        }

        private static IReadOnlyDictionary<string, string> IamTags(List<Aws.Iam.Model.Tag>? tags) =>
            (tags ?? new List<Aws.Iam.Model.Tag>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty);

        private static T Require<T>(T? client) where T : class =>
            client ?? throw new InvalidOperationException("This read needs a client the reader was not given.");
    }
}
