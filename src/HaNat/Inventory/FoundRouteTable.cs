using HaNat.Routing;

namespace HaNat.Inventory
{
    internal sealed class FoundRouteTable : FoundResource
    {
        public FoundRouteTable(string id, string vpcId, bool isMain, IEnumerable<(string AssociationId, string SubnetId)> subnetAssociations,
            IReadOnlyDictionary<string, string>? tags, DefaultRoute? defaultRoute = null) : base(id, tags)
        {
            VpcId = vpcId;
            IsMain = isMain;
            SubnetAssociations = subnetAssociations.ToArray();
            DefaultRoute = defaultRoute;
        }

        /// <summary>Its 0.0.0.0/0 route, if it has one: what a removal from a VPC HaNat did not build puts back.</summary>
        public DefaultRoute? DefaultRoute { get; }

        public string VpcId { get; }
        public bool IsMain { get; }
        public IReadOnlyList<(string AssociationId, string SubnetId)> SubnetAssociations { get; }
    }
}
