namespace HaNat.CloudFormation
{
    /// <summary>
    /// Which of the layout's name and address range become the template's parameter defaults. Without them the
    /// parameters have no default and the stack asks for them, the ordinary case for a template kept in a repository
    /// and deployed many times; the layout is then planned with <see cref="PlaceholderName"/> and
    /// <see cref="PlaceholderCidr"/>, which stand in for the parameters and appear nowhere in the template.
    /// </summary>
    internal sealed class TemplateDefaults
    {
        public TemplateDefaults(bool name, bool cidr)
        {
            Name = name;
            Cidr = cidr;
        }

        /// <summary>The Name parameter defaults to the layout's name.</summary>
        public bool Name { get; }

        /// <summary>The VpcOctets (or VpcCidr) parameter defaults to the layout's range.</summary>
        public bool Cidr { get; }

        public static TemplateDefaults Both { get; } = new TemplateDefaults(true, true);

        /// <summary>The name a template without a default name is planned with.</summary>
        public const string PlaceholderName = "template-name";

        /// <summary>The range a template without a default range is planned with: a /16, the original template's size.</summary>
        public const string PlaceholderCidr = "10.0.0.0/16";
    }
}
