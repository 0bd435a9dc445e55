using HaNat.Model;
using HaNat.Routing;

namespace HaNat.Takeover
{
    /// <summary>One private subnet of the zone: its route table, what the takeover does to its default route, and the write.</summary>
    /// <param name="Target">Where 0.0.0.0/0 goes after the plan when that is not the NAT (a route left alone, a NAT gateway); null: the NAT.</param>
    internal sealed record PlannedSubnet(
        SubnetInfo Subnet,
        string? RouteTableId,
        TakeoverAction Action,
        string? PreviousTarget,
        RouteTableWrite? Write,
        string? Target = null);
}
