namespace HaNat.Policies
{
    /// <summary>One condition of a statement: an operator (StringEquals, ArnLike...), a key and the values it accepts.</summary>
    internal sealed class PolicyCondition
    {
        public PolicyCondition(string @operator, string key, params string[] values)
        {
            Operator = @operator;
            Key = key;
            Values = values;
        }

        public string Operator { get; }
        public string Key { get; }
        public IReadOnlyList<string> Values { get; }

        public override string ToString() => $"{Operator} {Key} = {string.Join("|", Values)}";
    }
}
