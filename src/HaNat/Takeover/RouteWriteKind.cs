namespace HaNat.Takeover
{
    internal enum RouteWriteKind
    {
        CreateRoute,
        ReplaceRoute,
        /// <summary>
        /// Create a HaNat route table with 0.0.0.0/0 to the NAT and the main table's other routes, and associate it to a
        /// subnet on the main table.
        /// </summary>
        NewRouteTable,
    }
}
