using System.Management.Automation;
using HaNat.Update;

namespace HaNat.Commands
{
    /// <summary>Update-HaNatVpc's upgrade of what HaNat made around the NATs (<see cref="UpgradePlan"/>): its confirmation text, and its order around the rollout.</summary>
    public sealed partial class UpdateHaNatVpcCommand
    {
        /// <summary>The confirmation's text: the role's change, then the rollout, then the alarms.</summary>
        private static string UpgradeSummary(UpgradePlan upgrade, string? rollout)
        {
            var parts = new List<string>();
            if (upgrade.PutsPolicy) parts.Add($"Put this HaNat version's NAT policy on the role {upgrade.Role.RoleName}");
            if (upgrade.RecordsNoAlarms) parts.Add($"record -NoAlarms on the role {upgrade.Role.RoleName}");
            if (rollout != null) parts.Add(rollout);
            if (upgrade.MissingAlarms.Count > 0) parts.Add($"create {upgrade.MissingAlarms.Count} CloudWatch alarm(s) the deployment lacks ({upgrade.MissingAlarms[0].Name}, ...)");
            var text = string.Join(", then ", parts);
            return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
        }

        /// <summary>
        /// The role first (a new NAT of the rollout needs this version's policy), the rollout, the alarms last: made only
        /// once every NAT runs the new image, since an older one publishes no metrics and its zone's served-by-peer alarm
        /// would fire. A rollout that stops leaves them for the next run.
        /// </summary>
        private void Upgrade(DeploymentUpgrader upgrader, UpgradePlan upgrade, string vpcId, Action? roll)
        {
            if (upgrade.ChangesRole)
            {
                Await(upgrader.ChangeRoleAsync(upgrade));
                foreach (var (target, action) in upgrade.DescribeRole()) WriteHost($"{target}: {action}: done");
            }
            roll?.Invoke();
            if (upgrade.MissingAlarms.Count > 0)
            {
                var made = Await(upgrader.CreateAlarmsAsync(upgrade, vpcId));
                WriteHost($"CloudWatch alarms made: {string.Join(", ", made)}");
            }
        }

        private void WriteHost(string text) => WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
    }
}
