using HaNat.Alarms;
using HaNat.Aws;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.CloudWatch.Model;
using Tag = HaNat.Aws.Iam.Model.Tag;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Build;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.Update
{
    /// <summary>
    /// Reads what <see cref="UpgradePlanner"/> decides from (the NATs' role with its tags, the deployment's alarms with
    /// theirs) and carries out an <see cref="UpgradePlan"/>: the role's policy, then the alarms.
    /// </summary>
    internal sealed class DeploymentUpgrader(AwsSession session, IIamClient iam, ICloudWatchClient cloudWatch)
    {
        private readonly AwsSession _session = session;
        private readonly IIamClient _iam = iam;
        private readonly ICloudWatchClient _cloudWatch = cloudWatch;

        /// <summary>
        /// Reads the role (none: the deployment has no role) and, unless no alarm is wanted, the alarms named with the
        /// deployment's prefix; then plans.
        /// </summary>
        public async Task<UpgradePlan> PlanAsync(string vpcName, string vpcId, NatRoleLayout role, IReadOnlyList<AlarmLayout> wantedAlarms, bool noAlarms)
        {
            Role? read = null;
            await AwsExistence.ExistsAsync(async () =>
                read = (await _iam.GetRoleAsync(new GetRoleRequest { RoleName = role.RoleName }, _session.Cancellation).ConfigureAwait(false)).Role).ConfigureAwait(false);
            var tags = read == null ? null : TagsOf(read);
            var found = noAlarms || wantedAlarms.Count == 0 || UpgradePlanner.DeclinedAlarms(tags)
                ? Array.Empty<Inventory.FoundResource>()
                : await new AlarmReads(_session, _cloudWatch).OfVpcNameAsync(vpcName).ConfigureAwait(false);
            return UpgradePlanner.Plan(vpcName, vpcId, role, tags, wantedAlarms, noAlarms, found, read?.Arn);
        }

        /// <summary>
        /// Puts this version's NatInstance policy on the role (its ARNs narrowed to the role's partition and account, as
        /// a build does; the same name replaces the old document), then tags the role with the policy's digest and, with
        /// -NoAlarms, hanat:alarms=none.
        /// </summary>
        public async Task<bool> ChangeRoleAsync(UpgradePlan plan)
        {
            var role = plan.Role;
            var tags = new List<Tag>();
            if (plan.PutsPolicy)
            {
                await _iam.PutRolePolicyAsync(new PutRolePolicyRequest
                {
                    RoleName = role.RoleName,
                    PolicyName = role.PolicyName,
                    PolicyDocument = role.PolicyJsonFor(plan.RoleArn, _session.Region),
                }, _session.Cancellation).ConfigureAwait(false);
                tags.Add(new Tag { Key = HaNatTags.NatPolicy, Value = role.PolicyDigest });
            }
            if (plan.RecordsNoAlarms) tags.Add(new Tag { Key = HaNatTags.Alarms, Value = HaNatTags.AlarmsNone });
            if (tags.Count == 0) return false;
            await _iam.TagRoleAsync(new TagRoleRequest { RoleName = role.RoleName, Tags = tags }, _session.Cancellation).ConfigureAwait(false);
            return true;
        }

        /// <summary>
        /// Makes the missing alarms in order. One that fails ends the call with its error, after the alarms this call
        /// made are deleted again (only those: nothing else was touched). Returns the names made.
        /// </summary>
        public async Task<IReadOnlyList<string>> CreateAlarmsAsync(UpgradePlan plan, string vpcId)
        {
            var created = new List<string>();
            try
            {
                foreach (var alarm in plan.MissingAlarms)
                {
                    await _cloudWatch.PutMetricAlarmAsync(alarm.PutRequest(vpcId), _session.Cancellation).ConfigureAwait(false);
                    created.Add(alarm.Name);
                }
                return created;
            }
            catch (Exception) when (created.Count > 0)
            {
                // On a session Ctrl+C does not cancel: a stopped pipeline must not leave half the alarms.
                var cleanup = new AwsSession(_session.Credentials, _session.Region, _session.ExplicitEndpointUrl, _session.Log, CancellationToken.None);
                using var cloudWatch = cleanup.CreateCloudWatchClient();
                await cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = created }, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        private static IReadOnlyDictionary<string, string> TagsOf(Role role)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in role.Tags ?? new List<Tag>()) tags[tag.Key] = tag.Value;
            return tags;
        }
    }
}
