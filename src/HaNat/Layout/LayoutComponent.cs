namespace HaNat.Layout
{
    /// <summary>
    /// One kind of resource in a HaNat VPC: the value of its <c>hanat:component</c> tag, and the role its Name tag
    /// carries (Name = &lt;vpc name&gt;-&lt;role&gt;[-&lt;zone&gt;]).
    /// </summary>
    internal sealed class LayoutComponent
    {
        public LayoutComponent(string tagValue, string nameRole, bool perZone)
        {
            TagValue = tagValue;
            NameRole = nameRole;
            PerZone = perZone;
        }

        public string TagValue { get; }
        public string NameRole { get; }
        public bool PerZone { get; }

        public override string ToString() => TagValue;
    }
}
