namespace HaNat.CloudFormation
{
    /// <summary>
    /// Where the template's zones come from: the first N zones of whatever region the stack is created in
    /// (Fn::GetAZs), the zone names the layout was planned with, or (in a template for a VPC HaNat did not build, whose
    /// zones are the user's) a parameter per zone, AvailabilityZone1 and on.
    /// </summary>
    internal sealed class TemplateZones
    {
        private TemplateZones(bool fromRegion, bool fromParameters)
        {
            FromRegion = fromRegion;
            FromParameters = fromParameters;
        }

        public bool FromRegion { get; }

        public bool FromParameters { get; }

        public static TemplateZones OfRegion { get; } = new TemplateZones(true, false);

        public static TemplateZones AsPlanned { get; } = new TemplateZones(false, false);

        public static TemplateZones AsParameters { get; } = new TemplateZones(false, true);

        /// <summary>The zone parameters' names without the zone's 1-based position.</summary>
        public const string ZoneParameterPrefix = "AvailabilityZone";

        /// <summary>
        /// Names to plan a region-agnostic template with: they stand in for Fn::GetAZs's first zones (or the zone
        /// parameters) and appear in no output.
        /// </summary>
        public static IReadOnlyList<string> Placeholders(int count) => Enumerable.Range(1, count).Select(i => "zone" + i).ToList();
    }
}
