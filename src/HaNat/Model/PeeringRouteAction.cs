namespace HaNat.Model
{
    /// <summary>What Connect-/Disconnect-HaNatVpc did to one route to the peer VPC in one HaNat route table.</summary>
    public enum PeeringRouteAction
    {
        /// <summary>The table had no route to that CIDR; one was created to the peering connection.</summary>
        Created,
        /// <summary>The route already went to the peering connection: nothing was written.</summary>
        Unchanged,
        /// <summary>The route went to a blackhole, or (with -Force) to something else; it now goes to the peering.</summary>
        Replaced,
        /// <summary>The route goes to something else (a NAT, gateway, another peering): left as it is and reported.</summary>
        Conflict,
        /// <summary>Disconnect-HaNatVpc deleted the route to the peering connection.</summary>
        Removed,
    }
}
