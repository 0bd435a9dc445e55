namespace HaNat.Policies
{
    /// <summary>
    /// One Allow statement. Resources, principals and condition values may hold the placeholders of
    /// <see cref="ArnContext"/> (${Partition}, ${Region}, ${Account}, ${UrlSuffix}).
    /// </summary>
    internal sealed class PolicyStatement
    {
        public PolicyStatement(string sid, IEnumerable<string> actions, IEnumerable<string> resources, params PolicyCondition[] conditions)
        {
            Sid = sid;
            Actions = actions.ToList();
            Resources = resources.ToList();
            Conditions = conditions;
            if (Actions.Count == 0) throw new ArgumentException("A statement needs at least one action.", nameof(actions));
        }

        /// <summary>A trust statement: the service principal that may assume the role, and no resource.</summary>
        public static PolicyStatement Trust(string sid, string servicePrincipal, string action) =>
            new PolicyStatement(sid, new[] { action }, Array.Empty<string>()) { ServicePrincipal = servicePrincipal };

        public string Sid { get; }
        public string Effect => "Allow";
        public string? ServicePrincipal { get; private set; }
        public IReadOnlyList<string> Actions { get; }
        public IReadOnlyList<string> Resources { get; }
        public IReadOnlyList<PolicyCondition> Conditions { get; }

        /// <summary>True when every action only reads (Describe*, Get*, List*).</summary>
        public bool IsReadOnly => Actions.All(IamAction.IsReadOnly);

        public bool AllowsAnyResource => Resources.Contains("*");

        public bool Allows(string action) => Actions.Any(pattern => IamAction.Matches(pattern, action));
    }
}
