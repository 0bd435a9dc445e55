using HaNat.Aws.CloudWatch.Model;
using HaNat.Layout;
using HaNat.Metrics;
using HaNat.Tagging;

namespace HaNat.Alarms
{
    /// <summary>
    /// One alarm of one zone, planned from the VPC's name, the zone and the optional action, with no I/O. The name and
    /// dimensions are functions of the VPC's name and zone, so the CloudFormation export can plan the same alarms with
    /// "${Name}" and a zone and let Fn::Sub fill them in.
    /// </summary>
    internal sealed class AlarmLayout
    {
        public AlarmLayout(string vpcName, string zone, AlarmDefinition definition, string? alarmAction)
        {
            VpcName = vpcName;
            Zone = zone;
            Definition = definition;
            Name = AlarmNames.NameOf(vpcName, zone, definition);
            Actions = alarmAction == null ? Array.Empty<string>() : new[] { alarmAction };
            Tags = LayoutNames.TagsOf(vpcName, AlarmNames.Component, zone).Where(t => t.Key != "Name").ToList();
        }

        public string VpcName { get; }
        public string Zone { get; }
        public AlarmDefinition Definition { get; }

        /// <summary>hanat-&lt;vpc name&gt;-&lt;zone&gt;-&lt;what&gt;: the Operator policy's alarm:hanat-* scope, and Remove-HaNatVpc's prefix.</summary>
        public string Name { get; }

        /// <summary>The SNS topic told when the alarm fires and when it clears; none when the user gave none.</summary>
        public IReadOnlyList<string> Actions { get; }

        /// <summary>HaNat's ownership tags (no Name tag: an alarm has a name of its own); the build adds hanat:vpc-id.</summary>
        public IReadOnlyList<LayoutTag> Tags { get; }

        /// <summary>VpcName and AvailabilityZone: the pair that names a zone's NAT and survives its replacement.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Dimensions => new[]
        {
            new KeyValuePair<string, string>(HaNatMetrics.VpcNameDimension, VpcName),
            new KeyValuePair<string, string>(HaNatMetrics.AvailabilityZoneDimension, Zone),
        };

        public string Namespace => HaNatMetrics.Namespace;

        /// <summary>The PutMetricAlarm that makes it, tagged as HaNat's with the VPC's id (New-/Add-HaNatVpc, Update-HaNatVpc).</summary>
        public PutMetricAlarmRequest PutRequest(string vpcId) => new PutMetricAlarmRequest
        {
            AlarmName = Name,
            AlarmDescription = $"HaNat {VpcName}, {Zone}: {Definition.Description}",
            ActionsEnabled = true,
            // The topic hears when an alarm fires and when it clears.
            OKActions = Actions.Count == 0 ? null : Actions.ToList(),
            AlarmActions = Actions.Count == 0 ? null : Actions.ToList(),
            MetricName = Definition.MetricName,
            Namespace = Namespace,
            Statistic = Definition.Statistic,
            Dimensions = Dimensions.Select(d => new Dimension { Name = d.Key, Value = d.Value }).ToList(),
            Period = AlarmDefinition.PeriodSeconds,
            EvaluationPeriods = Definition.EvaluationPeriods,
            DatapointsToAlarm = Definition.DatapointsToAlarm,
            Threshold = Definition.Threshold,
            ComparisonOperator = Definition.ComparisonOperator,
            TreatMissingData = Definition.TreatMissingData,
            // Tagged in the create call: the Operator policy allows PutMetricAlarm only with hanat:managed=true.
            Tags = Tags.Concat(new[] { new LayoutTag(HaNatTags.VpcId, vpcId) }).Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
        };

        /// <summary>What -WhatIf and -Verbose say of it.</summary>
        public string Summary =>
            $"{Name} ({Definition.MetricName} {Definition.Statistic} {Symbol(Definition.ComparisonOperator)} {Definition.Threshold:0.##} " +
            $"for {Definition.EvaluationPeriods} min; missing data {Definition.TreatMissingData}" +
            (Actions.Count == 0 ? ")" : $"; notifies {Actions[0]})");

        private static string Symbol(string comparison) => comparison switch
        {
            "GreaterThanOrEqualToThreshold" => ">=",
            "GreaterThanThreshold" => ">",
            "LessThanThreshold" => "<",
            "LessThanOrEqualToThreshold" => "<=",
            _ => comparison,
        };

        public override string ToString() => Name;
    }
}
