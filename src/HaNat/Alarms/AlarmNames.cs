using HaNat.Layout;

namespace HaNat.Alarms
{
    /// <summary>The names of HaNat's alarms, as functions of the VPC's name and a zone.</summary>
    internal static class AlarmNames
    {
        /// <summary>What every HaNat alarm's name starts with: the Operator policy scopes the alarm calls to alarm:hanat-*.</summary>
        public const string Prefix = "hanat-";

        /// <summary>hanat:component of an alarm.</summary>
        public static readonly LayoutComponent Component = new LayoutComponent("alarm", "alarm", true);

        /// <summary>hanat-&lt;vpc name&gt;-&lt;zone&gt;-&lt;what&gt;.</summary>
        public static string NameOf(string vpcName, string zone, AlarmDefinition definition) =>
            $"{Prefix}{vpcName}-{zone}-{definition.Suffix}";

        /// <summary>
        /// What the alarms of a VPC's name start with. Another VPC's name can extend this one ("prod" and "prod-eu"), so
        /// a match by prefix alone is never enough to delete: the alarm's tags must name this VPC too.
        /// </summary>
        public static string PrefixOf(string vpcName) => Prefix + vpcName + "-";
    }
}
