namespace HaNat.Inventory
{
    internal sealed class FoundSubnet : FoundResource
    {
        public FoundSubnet(string id, string vpcId, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string>? tags) : base(id, tags)
        {
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            CidrBlock = cidrBlock;
        }

        public string VpcId { get; }
        public string AvailabilityZone { get; }
        public string CidrBlock { get; }
    }
}
