namespace HaNat.Inventory
{
    internal sealed class FoundInstance : FoundResource
    {
        public FoundInstance(string id, string state, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => State = state;

        public string State { get; }
    }
}
