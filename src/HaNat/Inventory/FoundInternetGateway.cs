namespace HaNat.Inventory
{
    internal sealed class FoundInternetGateway : FoundResource
    {
        public FoundInternetGateway(string id, IEnumerable<string> attachedVpcIds, IReadOnlyDictionary<string, string>? tags) : base(id, tags) =>
            AttachedVpcIds = attachedVpcIds.ToArray();

        public IReadOnlyList<string> AttachedVpcIds { get; }
    }
}
