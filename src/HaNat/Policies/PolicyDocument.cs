using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HaNat.Policies
{
    /// <summary>
    /// An IAM policy as data: a list of Allow statements. It renders to the JSON that IAM takes, and answers "which
    /// actions does it allow" without AWS (IAM's simulate API is one moto lacks).
    /// </summary>
    internal sealed class PolicyDocument
    {
        public const string Version = "2012-10-17";

        public PolicyDocument(params PolicyStatement[] statements)
        {
            Statements = statements;
            var duplicate = statements.GroupBy(s => s.Sid).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new ArgumentException($"Two statements share the Sid {duplicate.Key}.", nameof(statements));
        }

        public IReadOnlyList<PolicyStatement> Statements { get; }

        /// <summary>Every action named, once each, in the order the statements name them.</summary>
        public IReadOnlyList<string> Actions => Statements.SelectMany(s => s.Actions).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>
        /// Whether some statement allows the action ("ec2:CreateRoute"), judged by action name only: resources and
        /// conditions narrow where it is allowed, not whether.
        /// </summary>
        public bool Allows(string action) => Statements.Any(s => s.Allows(action));

        public IEnumerable<PolicyStatement> StatementsAllowing(string action) => Statements.Where(s => s.Allows(action));

        /// <summary>The policy as IAM takes it, with placeholders filled from <paramref name="context"/>.</summary>
        public string ToJson(ArnContext? context = null, bool indented = true)
        {
            var fill = context ?? new ArnContext();
            return ToJsonNode(text => JsonValue.Create(fill.Render(text))).ToJsonString(Options(indented));
        }

        /// <summary>
        /// The policy as a JSON tree. <paramref name="templated"/> renders each string that may hold placeholders
        /// (resources, principals, condition values): plain text for IAM, Fn::Sub for CloudFormation.
        /// </summary>
        public JsonObject ToJsonNode(Func<string, JsonNode> templated)
        {
            var statements = new JsonArray();
            foreach (var statement in Statements)
            {
                var node = new JsonObject { ["Sid"] = statement.Sid, ["Effect"] = statement.Effect };
                if (statement.ServicePrincipal != null)
                {
                    node["Principal"] = new JsonObject { ["Service"] = templated(statement.ServicePrincipal) };
                }
                node["Action"] = OneOrMany(statement.Actions.Select(a => (JsonNode)JsonValue.Create(a)!));
                if (statement.Resources.Count > 0) node["Resource"] = OneOrMany(statement.Resources.Select(templated));
                if (statement.Conditions.Count > 0)
                {
                    var conditions = new JsonObject();
                    foreach (var byOperator in statement.Conditions.GroupBy(c => c.Operator))
                    {
                        var keys = new JsonObject();
                        foreach (var condition in byOperator) keys[condition.Key] = OneOrMany(condition.Values.Select(templated));
                        conditions[byOperator.Key] = keys;
                    }
                    node["Condition"] = conditions;
                }
                statements.Add(node);
            }
            return new JsonObject { ["Version"] = Version, ["Statement"] = statements };
        }

        /// <summary>Indented or compact JSON that keeps ARNs and conditions readable ('+' and '&amp;' unescaped).</summary>
        public static JsonSerializerOptions Options(bool indented) => new JsonSerializerOptions
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private static JsonNode OneOrMany(IEnumerable<JsonNode> values)
        {
            var list = values.ToList();
            return list.Count == 1 ? list[0] : new JsonArray(list.ToArray());
        }
    }
}
