using HaNat.Alarms;
using HaNat.Inventory;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.Update
{
    /// <summary>
    /// What Update-HaNatVpc brings up to this HaNat version besides the NATs themselves, decided with no I/O
    /// (<see cref="UpgradePlanner"/>): the NATs' IAM role gets this version's NatInstance policy when its
    /// <see cref="HaNatTags.NatPolicy"/> digest differs (a deployment made before the metrics could not publish them);
    /// each zone gets the CloudWatch alarms it lacks (a deployment made before them has none), unless the deployment
    /// was made, or is now updated, with -NoAlarms, which the role records (<see cref="HaNatTags.Alarms"/>).
    /// </summary>
    internal sealed class UpgradePlan
    {
        public UpgradePlan(NatRoleLayout role, string? roleArn, string? previousDigest, bool putsPolicy, bool recordsNoAlarms, IReadOnlyList<AlarmLayout> missingAlarms)
        {
            Role = role;
            RoleArn = roleArn;
            PreviousDigest = previousDigest;
            PutsPolicy = putsPolicy;
            RecordsNoAlarms = recordsNoAlarms;
            MissingAlarms = missingAlarms;
        }

        public NatRoleLayout Role { get; }

        /// <summary>The role's ARN as read (its partition and account narrow the policy's ARNs); null when there is no role.</summary>
        public string? RoleArn { get; }

        /// <summary>The role's digest tag before the update; null when it had none (made before the tag).</summary>
        public string? PreviousDigest { get; }

        public bool PutsPolicy { get; }

        /// <summary>Whether the role is tagged hanat:alarms=none now (-NoAlarms given, not recorded yet).</summary>
        public bool RecordsNoAlarms { get; }

        /// <summary>The alarms to make, zone by zone.</summary>
        public IReadOnlyList<AlarmLayout> MissingAlarms { get; }

        /// <summary>Whether the role is changed: its policy, or its record of -NoAlarms.</summary>
        public bool ChangesRole => PutsPolicy || RecordsNoAlarms;

        public bool IsEmpty => !ChangesRole && MissingAlarms.Count == 0;

        /// <summary>The role's change as -WhatIf names it (target, action); none when the role stays.</summary>
        public IReadOnlyList<(string Target, string Action)> DescribeRole()
        {
            var target = $"IAM role {Role.RoleName}";
            var steps = new List<(string, string)>();
            if (PutsPolicy)
            {
                steps.Add((target, $"Put this HaNat version's {Role.PolicyName} policy and tag the role {HaNatTags.NatPolicy}={Role.PolicyDigest} (was " +
                    $"{PreviousDigest ?? "untagged: made before HaNat recorded its policy"})"));
            }
            if (RecordsNoAlarms) steps.Add((target, $"Tag the role {HaNatTags.Alarms}={HaNatTags.AlarmsNone}: later updates make no alarms either"));
            return steps;
        }

        /// <summary>Each alarm to make as -WhatIf names it (target, action).</summary>
        public IReadOnlyList<(string Target, string Action)> DescribeAlarms() =>
            MissingAlarms.Select(a => ($"CloudWatch alarm {a.Name}", "Create " + a.Summary)).ToList();
    }

    /// <summary>Decides an <see cref="UpgradePlan"/> from what was read.</summary>
    internal static class UpgradePlanner
    {
        /// <param name="role">The role as this version lays it out (its policy and digest).</param>
        /// <param name="roleTags">The role's tags as read; null when the deployment has no role (nothing to put a policy on).</param>
        /// <param name="wantedAlarms">The alarms this version makes for the deployment's zones.</param>
        /// <param name="noAlarms">-NoAlarms: no alarm is made, and the role records it.</param>
        /// <param name="foundAlarms">The alarms whose names carry the deployment's prefix, with their tags.</param>
        /// <param name="roleArn">The role's ARN as read.</param>
        /// <exception cref="HaNatException">AlarmNameInUse: a wanted name is taken by an alarm that is not this VPC's.</exception>
        public static UpgradePlan Plan(string vpcName, string vpcId, NatRoleLayout role, IReadOnlyDictionary<string, string>? roleTags,
            IReadOnlyList<AlarmLayout> wantedAlarms, bool noAlarms, IReadOnlyList<FoundResource> foundAlarms, string? roleArn = null)
        {
            string? previous = null;
            var putsPolicy = false;
            var declined = false;
            if (roleTags != null)
            {
                previous = roleTags.TryGetValue(HaNatTags.NatPolicy, out var digest) ? digest : null;
                putsPolicy = previous != role.PolicyDigest;
                declined = DeclinedAlarms(roleTags);
            }
            var recordsNoAlarms = noAlarms && roleTags != null && !declined;
            if (noAlarms || declined) return new UpgradePlan(role, roleArn, previous, putsPolicy, recordsNoAlarms, Array.Empty<AlarmLayout>());

            var found = foundAlarms.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var taken = wantedAlarms.Where(a => found.TryGetValue(a.Name, out var f) && !IsOf(f, vpcId)).Select(a => a.Name).ToList();
            if (taken.Count > 0)
            {
                // PutMetricAlarm would replace them without a word: an alarm HaNat did not make for this VPC is not its to change.
                throw new HaNatException("AlarmNameInUse", HaNatErrorKind.ResourceExists,
                    $"CloudWatch alarms named as HaNat names the alarms of '{vpcName}' exist and are not this VPC's, so nothing was changed: {string.Join(", ", taken)}. " +
                    "Delete or rename them (aws cloudwatch delete-alarms --alarm-names ...), or pass -NoAlarms.") { Target = vpcName };
            }
            var missing = wantedAlarms.Where(a => !found.ContainsKey(a.Name)).ToList();
            return new UpgradePlan(role, roleArn, previous, putsPolicy, false, missing);
        }

        /// <summary>Whether the role's tags say the deployment declined alarms (-NoAlarms).</summary>
        public static bool DeclinedAlarms(IReadOnlyDictionary<string, string>? roleTags) =>
            roleTags != null && roleTags.TryGetValue(HaNatTags.Alarms, out var alarms) && alarms == HaNatTags.AlarmsNone;

        private static bool IsOf(FoundResource alarm, string vpcId) =>
            alarm.Tags.TryGetValue(HaNatTags.VpcId, out var taggedVpc) && taggedVpc == vpcId;
    }
}
