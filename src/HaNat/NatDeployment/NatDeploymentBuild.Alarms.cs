using HaNat.Alarms;
using HaNat.Aws.CloudWatch.Model;

namespace HaNat.NatDeployment
{
    /// <summary>Each zone's CloudWatch alarms (<see cref="AlarmDefinitions"/>), tagged as HaNat's with the VPC's id.</summary>
    internal sealed partial class NatDeploymentBuild
    {
        private Task CreateAlarmAsync(AlarmLayout alarm)
        {
            var definition = alarm.Definition;
            var request = new PutMetricAlarmRequest
            {
                AlarmName = alarm.Name,
                AlarmDescription = $"HaNat {alarm.VpcName}, {alarm.Zone}: {definition.Description}",
                ActionsEnabled = true,
                // The topic hears when an alarm fires and when it clears.
                OKActions = alarm.Actions.Count == 0 ? null : alarm.Actions.ToList(),
                AlarmActions = alarm.Actions.Count == 0 ? null : alarm.Actions.ToList(),
                MetricName = definition.MetricName,
                Namespace = alarm.Namespace,
                Statistic = definition.Statistic,
                Dimensions = alarm.Dimensions.Select(d => new Dimension { Name = d.Key, Value = d.Value }).ToList(),
                Period = AlarmDefinition.PeriodSeconds,
                EvaluationPeriods = definition.EvaluationPeriods,
                DatapointsToAlarm = definition.DatapointsToAlarm,
                Threshold = definition.Threshold,
                ComparisonOperator = definition.ComparisonOperator,
                TreatMissingData = definition.TreatMissingData,
                // Tagged in the create call: the Operator policy allows PutMetricAlarm only with hanat:managed=true.
                Tags = alarm.Tags.Concat(new[] { new Layout.LayoutTag(Tagging.HaNatTags.VpcId, VpcId) })
                    .Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };
            var cloudWatch = _context.CloudWatch;
            return _context.CreateNamedAsync("CloudWatch alarm " + alarm.Name,
                () => cloudWatch.PutMetricAlarmAsync(request, _context.Cancellation),
                _ => { },
                () => cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = new List<string> { alarm.Name } }, _context.Cancellation),
                () => new AlarmReads(_context.Session, cloudWatch).IsOfAsync(alarm.Name, VpcId));
        }
    }
}
