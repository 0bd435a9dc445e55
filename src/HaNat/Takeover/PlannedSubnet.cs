using System.Collections.Generic;
using System.Linq;
using HaNat.Model;
using HaNat.Routing;

namespace HaNat.Takeover
{
    internal sealed class PlannedSubnet
    {
        public PlannedSubnet(SubnetInfo subnet, string? routeTableId, TakeoverAction action, string? previousTarget, RouteTableWrite? write)
        {
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
    }
}
