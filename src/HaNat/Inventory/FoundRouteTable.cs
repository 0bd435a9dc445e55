namespace HaNat.Inventory
{
    internal sealed class FoundRouteTable : FoundResource
    {
        public FoundRouteTable(string id, string vpcId, bool isMain, IEnumerable<(string AssociationId, string SubnetId)> subnetAssociations,
            IReadOnlyDictionary<string, string>? tags) : base(id, tags)
        {
            VpcId = vpcId;
            IsMain = isMain;
            SubnetAssociations = subnetAssociations.ToArray();
        }

        public string VpcId { get; }
        public bool IsMain { get; }
        public IReadOnlyList<(string AssociationId, string SubnetId)> SubnetAssociations { get; }
    }
}
