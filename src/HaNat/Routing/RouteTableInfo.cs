namespace HaNat.Routing
{
    internal sealed class RouteTableInfo
    {
        public RouteTableInfo(string id, bool isMain, IEnumerable<string> subnetIds, DefaultRoute? defaultRoute, IReadOnlyDictionary<string, string>? tags = null,
            IReadOnlyList<OtherRoute>? otherRoutes = null)
        {
            Id = id;
            IsMain = isMain;
            SubnetIds = subnetIds.ToArray();
            DefaultRoute = defaultRoute;
            Tags = tags ?? new Dictionary<string, string>();
            OtherRoutes = otherRoutes ?? Array.Empty<OtherRoute>();
        }

        /// <summary>Every route but the local one(s) and 0.0.0.0/0.</summary>
        public IReadOnlyList<OtherRoute> OtherRoutes { get; }

        public string Id { get; }
        public bool IsMain { get; }
        public IReadOnlyList<string> SubnetIds { get; }
        public DefaultRoute? DefaultRoute { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
    }
}
