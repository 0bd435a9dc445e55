namespace HaNat.Model
{
    /// <summary>What a takeover did to one private subnet's default route.</summary>
    public enum TakeoverAction
    {
        /// <summary>The route table had no 0.0.0.0/0 route; one was created to this NAT.</summary>
        Created,
        /// <summary>0.0.0.0/0 pointed at another, dead or missing instance, or was a blackhole; it now points here.</summary>
        Replaced,
        /// <summary>The subnet used the main route table; it now has a HaNat route table of its own.</summary>
        NewRouteTable,
        /// <summary>0.0.0.0/0 already pointed at this NAT: nothing was written.</summary>
        Unchanged,
        /// <summary>0.0.0.0/0 pointed at something that is not an instance (NAT gateway, VPN, peering...): left alone.</summary>
        LeftForeign,
        /// <summary>A foreign 0.0.0.0/0 route was replaced because -Force was given.</summary>
        ReplacedForeign,
    }
}
