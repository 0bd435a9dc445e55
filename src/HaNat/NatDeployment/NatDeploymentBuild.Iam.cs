using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.Iam.Model;
using HaNat.Build;
using HaNat.Policies;

namespace HaNat.NatDeployment
{
    /// <summary>The NATs' identity and secret: the IAM role and instance profile, and the heartbeat key.</summary>
    internal sealed partial class NatDeploymentBuild
    {
        private async Task CreateRoleAsync()
        {
            var role = _layout.NatRole;
            var trust = role.TrustPolicy.ToJson(new ArnContext(AwsPartition.OfRegion(_layout.Region!)), indented: false);
            var request = new CreateRoleRequest
            {
                RoleName = role.RoleName,
                Path = role.Path,
                AssumeRolePolicyDocument = trust,
                Description = $"HaNat NAT instances of VPC {_layout.Name} in {_layout.Region}",
                Tags = BuildTags.Iam(role.CreationTags(VpcId, noAlarms: _layout.Alarms.Count == 0)),
            };
            await _context.CreateNamedAsync("IAM role " + role.RoleName,
                () => _context.Iam.CreateRoleAsync(request, _context.Cancellation),
                response => _roleArn = response.Role?.Arn,
                () => _context.Iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = role.RoleName }, _context.Cancellation),
                () => _context.Probe.RoleIsOfAsync(role.RoleName, VpcId)).ConfigureAwait(false);
        }

        /// <summary>The NatInstance policy, its ARNs narrowed to this partition, region and account (read from the role's ARN).</summary>
        private async Task PutRolePolicyAsync()
        {
            var role = _layout.NatRole;
            var request = new PutRolePolicyRequest { RoleName = role.RoleName, PolicyName = role.PolicyName, PolicyDocument = role.PolicyJsonFor(_roleArn, _layout.Region!) };
            await _context.Iam.PutRolePolicyAsync(request, _context.Cancellation).ConfigureAwait(false);
            _context.Journal.Record($"policy {role.PolicyName} of {role.RoleName}", () => _context.Iam.DeleteRolePolicyAsync(
                new DeleteRolePolicyRequest { RoleName = role.RoleName, PolicyName = role.PolicyName }, _context.Cancellation));
        }

        private async Task CreateInstanceProfileAsync()
        {
            var profile = _layout.NatInstanceProfile;
            var request = new CreateInstanceProfileRequest
            {
                InstanceProfileName = profile.ProfileName,
                Path = profile.Path,
                Tags = BuildTags.Iam(profile.TagsWithVpcId(VpcId)),
            };
            await _context.CreateNamedAsync("instance profile " + profile.ProfileName,
                () => _context.Iam.CreateInstanceProfileAsync(request, _context.Cancellation),
                response => _instanceProfileArn = response.InstanceProfile?.Arn,
                () => _context.Iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = profile.ProfileName }, _context.Cancellation),
                () => _context.Probe.InstanceProfileIsOfAsync(profile.ProfileName, VpcId)).ConfigureAwait(false);
        }

        private async Task AddRoleToProfileAsync()
        {
            var profile = _layout.NatInstanceProfile.ProfileName;
            var role = _layout.NatRole.RoleName;
            await _context.Iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest { InstanceProfileName = profile, RoleName = role }, _context.Cancellation).ConfigureAwait(false);
            _context.Journal.Record($"role {role} in instance profile {profile}", () => _context.Iam.RemoveRoleFromInstanceProfileAsync(
                new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = profile, RoleName = role }, _context.Cancellation));
        }

        private Task PutHeartbeatKeyAsync()
        {
            var name = _layout.HeartbeatKeyParameterName;
            var request = new PutParameterRequest
            {
                Name = name,
                Description = HeartbeatKey.Description(_layout.Name),
                Type = ParameterType.SecureString,
                Value = _heartbeatKey,
                Overwrite = false,
                Tags = BuildTags.Ssm(HeartbeatKey.Tags(_layout.Name, VpcId)),
            };
            return _context.CreateNamedAsync("SSM parameter " + name,
                () => _context.Session.Call("SSM", "PutParameter", name + " SecureString", ct => _context.Ssm.PutParameterAsync(request, ct)),
                _ => { },
                () => _context.Session.Call("SSM", "DeleteParameter", name, ct => _context.Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = name }, ct)),
                () => _context.Probe.ParameterHoldsAsync(name, _heartbeatKey));
        }
    }
}
