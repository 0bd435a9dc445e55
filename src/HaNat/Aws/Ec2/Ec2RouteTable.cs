namespace HaNat.Aws.Ec2
{
    /// <summary>A route table as EC2 reports it, with every route and every association.</summary>
    internal sealed class Ec2RouteTable(string id, string? vpcId, IEnumerable<Ec2RouteAssociation> associations,
        IEnumerable<Ec2Route> routes, IReadOnlyDictionary<string, string> tags)
    {
        public string Id { get; } = id;
        public string? VpcId { get; } = vpcId;
        public IReadOnlyList<Ec2RouteAssociation> Associations { get; } = associations.ToArray();
        public IReadOnlyList<Ec2Route> Routes { get; } = routes.ToArray();
        public IReadOnlyDictionary<string, string> Tags { get; } = tags;

        /// <summary>The VPC's main table: one of its associations says so.</summary>
        public bool IsMain => Associations.Any(a => a.Main);

        /// <summary>The subnet associations (the main association has no subnet).</summary>
        public IEnumerable<Ec2RouteAssociation> SubnetAssociations => Associations.Where(a => !string.IsNullOrEmpty(a.SubnetId));
    }
}
