namespace HaNat.Aws.Ec2
{
    /// <summary>A route table as EC2 reports it, with every route and every association.</summary>
    internal sealed class Ec2RouteTable
    {
        public Ec2RouteTable(string id, string? vpcId, IEnumerable<Ec2RouteAssociation> associations, IEnumerable<Ec2Route> routes,
            IReadOnlyDictionary<string, string> tags)
        {
            Id = id;
            VpcId = vpcId;
            Associations = associations.ToArray();
            Routes = routes.ToArray();
            Tags = tags;
        }

        public string Id { get; }
        public string? VpcId { get; }
        public IReadOnlyList<Ec2RouteAssociation> Associations { get; }
        public IReadOnlyList<Ec2Route> Routes { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>The VPC's main table: one of its associations says so.</summary>
        public bool IsMain => Associations.Any(a => a.Main);

        /// <summary>The subnet associations (the main association has no subnet).</summary>
        public IEnumerable<Ec2RouteAssociation> SubnetAssociations => Associations.Where(a => !string.IsNullOrEmpty(a.SubnetId));
    }
}
