using System.Text.Json.Nodes;
using HaNat.Policies;

namespace HaNat.CloudFormation
{
    /// <summary>CloudFormation's intrinsic functions as JSON nodes.</summary>
    internal static class Cfn
    {
        public static JsonNode Ref(string logicalId) => new JsonObject { ["Ref"] = logicalId };

        public static JsonNode GetAtt(string logicalId, string attribute) =>
            new JsonObject { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

        public static JsonNode Sub(string text) => new JsonObject { ["Fn::Sub"] = text };

        public static JsonNode Sub(string text, string variable, JsonNode value) =>
            new JsonObject { ["Fn::Sub"] = new JsonArray(text, new JsonObject { [variable] = value }) };

        public static JsonNode Select(int index, JsonNode list) => new JsonObject { ["Fn::Select"] = new JsonArray(index, list) };

        /// <summary>The zones of the region the stack is in.</summary>
        public static JsonNode GetAZs() => new JsonObject { ["Fn::GetAZs"] = "" };

        public static JsonNode Cidr(JsonNode block, int count, int hostBits) => new JsonObject { ["Fn::Cidr"] = new JsonArray(block, count, hostBits) };

        public static JsonNode Base64(JsonNode value) => new JsonObject { ["Fn::Base64"] = value };

        public static JsonNode If(string condition, JsonNode whenTrue, JsonNode whenFalse) =>
            new JsonObject { ["Fn::If"] = new JsonArray(condition, whenTrue, whenFalse) };

        public static JsonNode NoValue => Ref("AWS::NoValue");

        public static JsonNode Not(JsonNode condition) => new JsonObject { ["Fn::Not"] = new JsonArray(condition) };

        public static JsonNode EqualsTo(JsonNode left, JsonNode right) => new JsonObject { ["Fn::Equals"] = new JsonArray(left, right) };

        /// <summary>Text as is; a lone "${Parameter}" as a Ref; anything else holding a ${...} placeholder through Fn::Sub.</summary>
        public static JsonNode Text(string text)
        {
            if (!ArnContext.HasPlaceholder(text)) return JsonValue.Create(text)!;
            var inner = text.Length > 3 && text.StartsWith("${") && text.EndsWith("}") ? text.Substring(2, text.Length - 3) : null;
            if (inner != null && inner.All(char.IsLetterOrDigit)) return Ref(inner);
            return Sub(text);
        }

        /// <summary>A policy document with its placeholders as CloudFormation pseudo parameters.</summary>
        public static JsonNode Policy(PolicyDocument policy) => policy.ToJsonNode(text => Text(ArnContext.ToCloudFormation(text)));

        public static JsonArray Array(IEnumerable<JsonNode> items) => new JsonArray(items.ToArray());

        public static JsonArray Strings(IEnumerable<string> items) => new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
    }
}
