namespace HaNat.Inventory
{
    internal sealed class FoundInterface : FoundResource
    {
        public FoundInterface(string id, string? instanceId, string interfaceType, string? description, IReadOnlyDictionary<string, string>? tags)
            : base(id, tags)
        {
            InstanceId = instanceId;
            InterfaceType = interfaceType;
            Description = description;
        }

        /// <summary>The instance it is attached to, if any.</summary>
        public string? InstanceId { get; }

        /// <summary>interface, nat_gateway, vpc_endpoint, lambda, load_balancer, ...</summary>
        public string InterfaceType { get; }

        public string? Description { get; }
    }
}
