namespace HaNat.Aws.Ec2
{
    /// <summary>A launch template as EC2 reports it.</summary>
    internal sealed class Ec2LaunchTemplate
    {
        public Ec2LaunchTemplate(string id, string name, IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            Name = name;
            Tags = tags;
        }

        public string Id { get; }
        public string Name { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
