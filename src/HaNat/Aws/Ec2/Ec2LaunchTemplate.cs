namespace HaNat.Aws.Ec2
{
    /// <summary>A launch template as EC2 reports it.</summary>
    internal sealed class Ec2LaunchTemplate(string id, string name, IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    }
}
