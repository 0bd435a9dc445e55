namespace HaNat.Inventory
{
    /// <summary>An AWS resource: its id (or name), its Name tag's role aside, and its tags.</summary>
    internal class FoundResource
    {
        public FoundResource(string id, IReadOnlyDictionary<string, string>? tags, string? name = null)
        {
            Id = id;
            Tags = tags ?? new Dictionary<string, string>();
            Name = name;
        }

        public string Id { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>A name the service knows it by (security group or launch template name), if any.</summary>
        public string? Name { get; }

        public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;

        /// <summary>"subnet-0abc (dev-public-us-east-1a)": the id, and the Name tag when there is one.</summary>
        public string Describe(string kind)
        {
            var label = Tag("Name") ?? Name;
            return label == null || label == Id ? $"{kind} {Id}" : $"{kind} {Id} ({label})";
        }
    }
}
