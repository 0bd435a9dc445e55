namespace HaNat.CloudFormation
{
    /// <summary>
    /// Where the template's zones come from: the first N zones of whatever region the stack is created in
    /// (Fn::GetAZs), or the zone names the layout was planned with.
    /// </summary>
    internal sealed class TemplateZones
    {
        private TemplateZones(bool fromRegion) => FromRegion = fromRegion;

        public bool FromRegion { get; }

        public static TemplateZones OfRegion { get; } = new TemplateZones(true);

        public static TemplateZones AsPlanned { get; } = new TemplateZones(false);

        /// <summary>
        /// Names to plan a region-agnostic template with: they stand in for Fn::GetAZs's first zones and appear in no
        /// output.
        /// </summary>
        public static IReadOnlyList<string> Placeholders(int count) => Enumerable.Range(1, count).Select(i => "zone" + i).ToList();
    }
}
