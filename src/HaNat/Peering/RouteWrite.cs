namespace HaNat.Peering
{
    /// <summary>The one EC2 call a planned route needs, if any.</summary>
    internal enum RouteWrite
    {
        None,
        Create,
        Replace,
        Delete,
    }
}
