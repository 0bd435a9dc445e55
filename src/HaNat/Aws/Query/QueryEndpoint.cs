namespace HaNat.Aws.Query
{
    /// <summary>Where to send a Query request and the region to sign it for.</summary>
    internal sealed record QueryEndpoint(Uri Url, string SigningRegion)
    {
        public override string ToString() => $"{Url} (signed for {SigningRegion})";
    }
}
