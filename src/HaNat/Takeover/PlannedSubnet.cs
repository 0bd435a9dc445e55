using HaNat.Model;
using HaNat.Routing;

namespace HaNat.Takeover
{
    internal sealed class PlannedSubnet
    {
        public PlannedSubnet(SubnetInfo subnet, string? routeTableId, TakeoverAction action, string? previousTarget, RouteTableWrite? write,
            string? target = null)
        {
            Target = target;
            Subnet = subnet;
            RouteTableId = routeTableId;
            Action = action;
            PreviousTarget = previousTarget;
            Write = write;
        }

        public SubnetInfo Subnet { get; }
        public string? RouteTableId { get; }
        public TakeoverAction Action { get; }
        public string? PreviousTarget { get; }
        public RouteTableWrite? Write { get; }
        /// <summary>Where 0.0.0.0/0 goes after the plan when that is not the NAT (a route left alone, a NAT gateway); null: the NAT.</summary>
        public string? Target { get; }
    }
}
