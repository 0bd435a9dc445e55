using HaNat.Layout;

namespace HaNat.Network
{
    /// <summary>
    /// Plans the network of a HaNat VPC, with no I/O: checks the name, the CIDR block and the zones first (each refusal
    /// a <see cref="HaNatException"/> with an ErrorId), then carves the subnets (<see cref="SubnetCarving"/>).
    /// </summary>
    internal static class NetworkLayoutPlanner
    {
        public static NetworkLayout Plan(string? name, string? cidrBlock, IReadOnlyList<string>? availabilityZones)
        {
            var checkedName = LayoutInputRules.CheckName(name);
            var cidr = VpcCidr.Parse(cidrBlock);
            var zones = LayoutInputRules.CheckZones(availabilityZones);
            var zoneLayouts = zones.Select((zone, index) => new NetworkZoneLayout(checkedName, cidr, index, zone)).ToList();
            return new NetworkLayout(checkedName, cidr, zoneLayouts);
        }
    }
}
