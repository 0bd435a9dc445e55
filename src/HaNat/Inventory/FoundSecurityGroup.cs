namespace HaNat.Inventory
{
    internal sealed class FoundSecurityGroup : FoundResource
    {
        public FoundSecurityGroup(string id, string groupName, string vpcId, IReadOnlyDictionary<string, string>? tags) : base(id, tags, groupName) =>
            VpcId = vpcId;

        public string VpcId { get; }

        /// <summary>Every VPC has one group named default; it goes with the VPC and cannot be deleted before.</summary>
        public bool IsDefault => Name == "default";
    }
}
