namespace HaNat.Inventory
{
    /// <summary>A NAT gateway of a VPC HaNat did not build: a served table's recorded target, put back only while it is available.</summary>
    internal sealed class FoundNatGateway : FoundResource
    {
        public FoundNatGateway(string id, string state, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => State = state;

        /// <summary>pending, available, deleting, deleted or failed.</summary>
        public string State { get; }

        public bool IsAvailable => State == "available";
    }
}
