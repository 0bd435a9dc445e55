// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>A describe filter: Name is tag:&lt;key&gt;, tag-key or tag-value; a group matches when its value is one of Values.</summary>
    internal class Filter
    {
        public string Name { get; set; }
        public List<string> Values { get; set; }
    }
}
