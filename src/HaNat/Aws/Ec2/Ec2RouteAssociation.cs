namespace HaNat.Aws.Ec2
{
    /// <summary>One association of a route table: with a subnet, or the VPC's main association.</summary>
    internal sealed class Ec2RouteAssociation
    {
        public Ec2RouteAssociation(string? id, string? subnetId, bool main)
        {
            Id = id;
            SubnetId = subnetId;
            Main = main;
        }

        public string? Id { get; }
        public string? SubnetId { get; }
        public bool Main { get; }
    }
}
