namespace HaNat.Routing
{
    internal sealed class SubnetInfo
    {
        public SubnetInfo(string id, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string>? tags = null)
        {
            Id = id;
            AvailabilityZone = availabilityZone;
            CidrBlock = cidrBlock;
            Tags = tags ?? new Dictionary<string, string>();
        }

        public string Id { get; }
        public string AvailabilityZone { get; }
        public string CidrBlock { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
