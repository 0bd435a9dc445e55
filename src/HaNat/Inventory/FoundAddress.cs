namespace HaNat.Inventory
{
    internal sealed class FoundAddress : FoundResource
    {
        public FoundAddress(string allocationId, string? publicIp, string? associationId, IReadOnlyDictionary<string, string>? tags) : base(allocationId, tags)
        {
            PublicIp = publicIp;
            AssociationId = associationId;
        }

        public string? PublicIp { get; }

        /// <summary>Set while the address is associated with an instance or interface.</summary>
        public string? AssociationId { get; }
    }
}
