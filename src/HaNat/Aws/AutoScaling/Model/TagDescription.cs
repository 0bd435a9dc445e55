// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A tag as a describe call returns it: the same fields as a <see cref="Tag"/>.</summary>
    internal class TagDescription : Tag
    {
    }
}
