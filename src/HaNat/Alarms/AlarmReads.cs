using HaNat.Aws;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Inventory;
using HaNat.Tagging;

namespace HaNat.Alarms
{
    /// <summary>
    /// What HaNat reads of alarms: whether names are taken (before a build), whether a name is this build's alarm (a
    /// rollback after a failed create), and a VPC's alarms with their tags (Remove-HaNatVpc). DescribeAlarms returns no
    /// tags, so each alarm found costs a ListTagsForResource.
    /// </summary>
    internal sealed class AlarmReads(AwsSession session, ICloudWatchClient cloudWatch)
    {
        /// <summary>The most names one DescribeAlarms takes.</summary>
        private const int MaxNamesPerCall = 100;

        private readonly AwsSession _session = session;
        private readonly ICloudWatchClient _cloudWatch = cloudWatch;

        /// <summary>Which of <paramref name="names"/> an alarm already has.</summary>
        public async Task<IReadOnlyList<string>> TakenAsync(IReadOnlyList<string> names)
        {
            var taken = new List<string>();
            for (var i = 0; i < names.Count; i += MaxNamesPerCall)
            {
                var chunk = names.Skip(i).Take(MaxNamesPerCall).ToList();
                var found = await _cloudWatch.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = chunk }, _session.Cancellation).ConfigureAwait(false);
                taken.AddRange(found.Select(a => a.AlarmName).Where(chunk.Contains));
            }
            return taken;
        }

        /// <summary>Whether the alarm of this name exists and carries hanat:vpc-id = <paramref name="vpcId"/>: this build's.</summary>
        public async Task<bool> IsOfAsync(string alarmName, string vpcId)
        {
            var found = await _cloudWatch.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = new List<string> { alarmName } }, _session.Cancellation)
                .ConfigureAwait(false);
            var alarm = found.FirstOrDefault(a => a.AlarmName == alarmName);
            if (alarm == null) return false;
            var tags = await TagsAsync(alarm.AlarmArn).ConfigureAwait(false);
            return tags.TryGetValue(HaNatTags.VpcId, out var taggedVpc) && taggedVpc == vpcId;
        }

        /// <summary>Every alarm whose name starts with the VPC's prefix (<see cref="AlarmNames.PrefixOf"/>), with its tags.</summary>
        public async Task<IReadOnlyList<FoundResource>> OfVpcNameAsync(string vpcName)
        {
            var found = await _cloudWatch.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = AlarmNames.PrefixOf(vpcName) }, _session.Cancellation)
                .ConfigureAwait(false);
            var alarms = new List<FoundResource>();
            foreach (var alarm in found)
            {
                alarms.Add(new FoundResource(alarm.AlarmName, await TagsAsync(alarm.AlarmArn).ConfigureAwait(false)));
            }
            return alarms;
        }

        private async Task<IReadOnlyDictionary<string, string>> TagsAsync(string arn)
        {
            var response = await _cloudWatch.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = arn }, _session.Cancellation).ConfigureAwait(false);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in response.Tags ?? new List<Tag>()) tags[tag.Key] = tag.Value;
            return tags;
        }
    }
}
