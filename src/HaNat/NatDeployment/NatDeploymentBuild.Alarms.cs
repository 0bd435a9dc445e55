using HaNat.Alarms;
using HaNat.Aws.CloudWatch.Model;

namespace HaNat.NatDeployment
{
    /// <summary>Each zone's CloudWatch alarms (<see cref="AlarmDefinitions"/>), tagged as HaNat's with the VPC's id.</summary>
    internal sealed partial class NatDeploymentBuild
    {
        private Task CreateAlarmAsync(AlarmLayout alarm)
        {
            var request = alarm.PutRequest(VpcId);
            var cloudWatch = _context.CloudWatch;
            return _context.CreateNamedAsync("CloudWatch alarm " + alarm.Name,
                () => cloudWatch.PutMetricAlarmAsync(request, _context.Cancellation),
                _ => { },
                () => cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = new List<string> { alarm.Name } }, _context.Cancellation),
                () => new AlarmReads(_context.Session, cloudWatch).IsOfAsync(alarm.Name, VpcId));
        }
    }
}
