namespace HaNat.Aws.Query
{
    /// <summary>
    /// Marks a reply member whose text on the wire is not yet the model's value, and says how to turn it into
    /// that value (<see cref="QueryReader"/> applies it); members without one are read as they stand.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
    internal abstract class QueryTextAttribute : Attribute
    {
        public abstract string? Read(string? wire);
    }
}
