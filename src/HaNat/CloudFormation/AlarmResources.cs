using System.Text.Json.Nodes;
using HaNat.Alarms;
using HaNat.Metrics;
using HaNat.NatDeployment;

namespace HaNat.CloudFormation
{
    /// <summary>
    /// The deployment's CloudWatch alarms as AWS::CloudWatch::Alarm resources: the same names, metrics, thresholds and
    /// tags New-/Add-HaNatVpc give them (<see cref="AlarmDefinitions"/>, <see cref="AlarmNames"/> with "${Name}" and
    /// the zone filled in by CloudFormation), and the AlarmAction parameter: an SNS topic's ARN, or empty for none.
    /// None of it when the layout has no alarms (-NoAlarms).
    /// </summary>
    internal static class AlarmResources
    {
        public const string AlarmActionParameter = "AlarmAction";
        public const string HasAlarmActionCondition = "HasAlarmAction";

        public static void AddParameter(JsonObject parameters, NatDeploymentLayout deployment)
        {
            if (deployment.Alarms.Count == 0) return;
            parameters[AlarmActionParameter] = new JsonObject
            {
                ["Type"] = "String",
                ["Default"] = deployment.Alarms[0].Actions.FirstOrDefault() ?? "",
                ["Description"] = "The ARN of an SNS topic each HaNat alarm notifies when it fires and when it clears, or empty for none.",
                ["AllowedPattern"] = AlarmPlanner.TemplateAllowedPattern,
                ["ConstraintDescription"] = "an SNS topic's ARN (arn:aws:sns:us-east-1:123456789012:hanat-alarms), or empty.",
            };
        }

        public static void AddCondition(JsonObject conditions, NatDeploymentLayout deployment)
        {
            if (deployment.Alarms.Count == 0) return;
            conditions[HasAlarmActionCondition] = Cfn.Not(Cfn.EqualsTo(Cfn.Ref(AlarmActionParameter), JsonValue.Create("")!));
        }

        public static void AddTo(JsonObject resources, TemplateContext context)
        {
            if (context.Deployment.Alarms.Count == 0) return;
            foreach (var zone in context.Deployment.Zones)
            {
                foreach (var definition in AlarmDefinitions.All) resources[LogicalId(definition, zone)] = Alarm(context, zone, definition);
            }
        }

        /// <summary>ServedByPeerAlarm1, UnhealthyAlarm2...: the alarm's kind and its zone's 1-based position.</summary>
        public static string LogicalId(AlarmDefinition definition, NatZoneLayout zone) =>
            TemplateContext.Id(string.Concat(definition.Suffix.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1))) + "Alarm", zone);

        private static JsonObject Alarm(TemplateContext context, NatZoneLayout zone, AlarmDefinition definition)
        {
            JsonNode Actions() => Cfn.If(HasAlarmActionCondition, new JsonArray(Cfn.Ref(AlarmActionParameter)), Cfn.NoValue);
            var tags = context.Tags(AlarmNames.Component, zone);
            // An alarm has a name of its own: no Name tag, as New-HaNatVpc's have none.
            foreach (var nameTag in tags.Where(t => (string?)t!["Key"] == "Name").ToList()) tags.Remove(nameTag);
            return new JsonObject
            {
                ["Type"] = "AWS::CloudWatch::Alarm",
                ["Properties"] = new JsonObject
                {
                    ["AlarmName"] = context.Text(AlarmNames.NameOf(TemplateContext.NameVariable, "${Zone}", definition), zone),
                    ["AlarmDescription"] = context.Text($"HaNat {TemplateContext.NameVariable}, ${{Zone}}: {definition.Description}", zone),
                    ["Namespace"] = HaNatMetrics.Namespace,
                    ["MetricName"] = definition.MetricName,
                    ["Dimensions"] = new JsonArray(
                        new JsonObject { ["Name"] = HaNatMetrics.VpcNameDimension, ["Value"] = context.Text(TemplateContext.NameVariable) },
                        new JsonObject { ["Name"] = HaNatMetrics.AvailabilityZoneDimension, ["Value"] = context.ZoneOf(zone) }),
                    ["Statistic"] = definition.Statistic,
                    ["Period"] = AlarmDefinition.PeriodSeconds,
                    ["EvaluationPeriods"] = definition.EvaluationPeriods,
                    ["DatapointsToAlarm"] = definition.DatapointsToAlarm,
                    ["Threshold"] = definition.Threshold,
                    ["ComparisonOperator"] = definition.ComparisonOperator,
                    ["TreatMissingData"] = definition.TreatMissingData,
                    ["ActionsEnabled"] = true,
                    ["AlarmActions"] = Actions(),
                    ["OKActions"] = Actions(),
                    ["Tags"] = tags,
                },
            };
        }
    }
}
