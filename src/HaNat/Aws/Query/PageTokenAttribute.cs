namespace HaNat.Aws.Query
{
    /// <summary>A page token: an empty one means there is no further page, so it reads as null.</summary>
    internal sealed class PageTokenAttribute : QueryTextAttribute
    {
        public override string? Read(string? wire) => string.IsNullOrEmpty(wire) ? null : wire;
    }
}
