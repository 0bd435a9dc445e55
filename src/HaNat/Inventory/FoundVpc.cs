namespace HaNat.Inventory
{
    internal sealed class FoundVpc : FoundResource
    {
        public FoundVpc(string id, string cidrBlock, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => CidrBlock = cidrBlock;

        public string CidrBlock { get; }
    }
}
