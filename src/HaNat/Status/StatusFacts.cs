using HaNat.Routing;

namespace HaNat.Status
{
    /// <summary>
    /// What Get-HaNatVpc -Status knows of one HaNat VPC, read from EC2, Auto Scaling and CloudWatch: plain data, so that
    /// <see cref="ZoneStatusAssembler"/> decides each zone's state without a call.
    /// </summary>
    internal sealed class VpcStatusFacts
    {
        public VpcStatusFacts(string name, string vpcId, IEnumerable<StatusZone> zones, IEnumerable<StatusNat> nats,
            IEnumerable<StatusAddress> addresses, IEnumerable<StatusGateway> gateways, StatusMetrics metrics)
        {
            Name = name;
            VpcId = vpcId;
            Zones = zones.ToArray();
            Nats = nats.GroupBy(n => n.InstanceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            Addresses = addresses.ToArray();
            Gateways = gateways.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            Metrics = metrics;
        }

        public string Name { get; }
        public string VpcId { get; }

        /// <summary>The VPC's zones, in the deployment's order.</summary>
        public IReadOnlyList<StatusZone> Zones { get; }

        /// <summary>The VPC's HaNat NATs in any state EC2 still lists (a terminated one for about an hour), and any other instance a route names.</summary>
        public IReadOnlyDictionary<string, StatusNat> Nats { get; }

        /// <summary>HaNat's Elastic IPs of the VPC, each with its zone and the instance it is on.</summary>
        public IReadOnlyList<StatusAddress> Addresses { get; }

        /// <summary>The NAT gateways a zone's route names.</summary>
        public IReadOnlyDictionary<string, StatusGateway> Gateways { get; }

        public StatusMetrics Metrics { get; }
    }

    /// <summary>A zone and the default routes of the tables its private subnets use, in the deployment's order.</summary>
    internal sealed record StatusZone(string Zone, IReadOnlyList<StatusRoute> Routes, string? ElasticIp);

    /// <summary>One table's 0.0.0.0/0 route; null when it has none.</summary>
    internal sealed record StatusRoute(string RouteTableId, DefaultRoute? Route);

    /// <summary>An instance, with what its Auto Scaling group says of it (null outside the group).</summary>
    internal sealed record StatusNat(string InstanceId, string? Zone, string State, DateTime? LaunchTime, string? PublicIp,
        string? LifecycleState, string? AutoScalingHealth, bool IsHaNat);

    internal sealed record StatusAddress(string PublicIp, string? Zone, string? InstanceId);

    internal sealed record StatusGateway(string Id, string State, string? PublicIp);
}
