namespace HaNat.Inventory
{
    internal sealed class FoundAddress : FoundResource
    {
        public FoundAddress(string allocationId, string? publicIp, string? associationId, IReadOnlyDictionary<string, string>? tags,
            string? instanceId = null) : base(allocationId, tags)
        {
            InstanceId = instanceId;
            PublicIp = publicIp;
            AssociationId = associationId;
        }

        public string? PublicIp { get; }

        /// <summary>Set while the address is associated with an instance or interface.</summary>
        public string? AssociationId { get; }

        /// <summary>The instance it is associated with (on any of its private addresses), if any.</summary>
        public string? InstanceId { get; }
    }
}
