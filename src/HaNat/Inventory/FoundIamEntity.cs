namespace HaNat.Inventory
{
    /// <summary>An IAM role or instance profile: its path, and the names it holds (inline policies, or roles).</summary>
    internal sealed class FoundIamEntity : FoundResource
    {
        public FoundIamEntity(string name, string path, IEnumerable<string> members, IReadOnlyDictionary<string, string>? tags) : base(name, tags, name)
        {
            Path = path;
            Members = members.ToArray();
        }

        public string Path { get; }

        /// <summary>A role's inline policy names; an instance profile's role names.</summary>
        public IReadOnlyList<string> Members { get; }
    }
}
