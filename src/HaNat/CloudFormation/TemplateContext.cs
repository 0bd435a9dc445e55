using System.Text.Json.Nodes;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.CloudFormation
{
    /// <summary>
    /// What the template's resource writers share: the NAT deployment (and, in a template that builds the VPC, its
    /// layout), and how a name, a zone and a tag become CloudFormation. Names and tags come from
    /// <see cref="LayoutNames"/> called with "${Name}" and "${Zone}", so the template names things exactly as
    /// New-HaNatVpc does, with the Name parameter filled in by Fn::Sub.
    /// </summary>
    internal sealed class TemplateContext
    {
        public const string NameVariable = "${Name}";
        private const string ZoneVariable = "${Zone}";

        /// <summary>A template that builds the VPC: the VPC is the resource <see cref="CloudFormationTemplate.VpcId"/>.</summary>
        public TemplateContext(VpcLayout layout, TemplateZones zones)
            : this(layout.Deployment, zones, CloudFormationTemplate.VpcId)
        {
            Layout = layout;
        }

        /// <summary>A template of the deployment alone: the VPC is the logical id <paramref name="vpc"/> (a parameter).</summary>
        public TemplateContext(NatDeploymentLayout deployment, TemplateZones zones, string vpc)
        {
            Deployment = deployment;
            Zones = zones;
            Vpc = vpc;
        }

        /// <summary>The whole VPC's layout; null in a template for a VPC HaNat did not build.</summary>
        public VpcLayout? Layout { get; }

        public NatDeploymentLayout Deployment { get; }
        public TemplateZones Zones { get; }

        /// <summary>What a Ref names for the VPC: the template's VPC resource, or the VpcId parameter.</summary>
        public string Vpc { get; }

        /// <summary>Logical ids of per-zone resources end with the zone's 1-based position: PublicSubnet1.</summary>
        public static string Id(string prefix, ZoneLayout zone, string suffix = "") => Id(prefix, zone.Index, suffix);

        public static string Id(string prefix, NatZoneLayout zone, string suffix = "") => Id(prefix, zone.Index, suffix);

        private static string Id(string prefix, int index, string suffix) => prefix + (index + 1) + suffix;

        public JsonNode ZoneOf(ZoneLayout zone) => ZoneOf(zone.Nat);

        public JsonNode ZoneOf(NatZoneLayout zone)
        {
            if (Zones.FromParameters) return Cfn.Ref(Id(TemplateZones.ZoneParameterPrefix, zone));
            return Zones.FromRegion ? Cfn.Select(zone.Index, Cfn.GetAZs()) : JsonValue.Create(zone.AvailabilityZone)!;
        }

        /// <summary>A name or tag value that may mention ${Name} (a parameter) and ${Zone} (a zone's expression).</summary>
        public JsonNode Text(string text, ZoneLayout? zone = null) => Text(text, zone?.Nat);

        public JsonNode Text(string text, NatZoneLayout? zone)
        {
            if (zone == null || !text.Contains(ZoneVariable)) return Cfn.Text(text);
            if (text == ZoneVariable) return ZoneOf(zone);
            if (!Zones.FromRegion && !Zones.FromParameters) return Cfn.Text(text.Replace(ZoneVariable, zone.AvailabilityZone));
            return Cfn.Sub(text, "Zone", ZoneOf(zone));
        }

        public JsonNode NameOf(LayoutComponent component) => Text(LayoutNames.NameOf(NameVariable, component));

        /// <summary>The same tags as <see cref="ResourceLayout.TagsWithVpcId"/>, with the VPC's id as a Ref.</summary>
        public JsonArray Tags(LayoutComponent component, ZoneLayout? zone = null, bool withVpcId = true) => Tags(component, zone?.Nat, withVpcId);

        public JsonArray Tags(LayoutComponent component, NatZoneLayout? zone, bool withVpcId = true) =>
            Cfn.Array(TagList(component, zone, withVpcId).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }));

        /// <summary>Auto Scaling's form of tags, with PropagateAtLaunch as the layout decides it.</summary>
        public JsonArray GroupTags() => Cfn.Array(TagList(LayoutComponents.AutoScalingGroup, null, true).Select(t => (JsonNode)new JsonObject
        {
            ["Key"] = t.Key,
            ["Value"] = t.Value,
            ["PropagateAtLaunch"] = AutoScalingGroupLayout.Propagates(t.Key),
        }));

        private IEnumerable<(string Key, JsonNode Value)> TagList(LayoutComponent component, NatZoneLayout? zone, bool withVpcId)
        {
            foreach (var tag in LayoutNames.TagsOf(NameVariable, component, zone == null ? null : ZoneVariable))
            {
                yield return (tag.Key, Text(tag.Value, zone));
            }
            if (withVpcId) yield return (HaNatTags.VpcId, Cfn.Ref(Vpc));
        }
    }
}
