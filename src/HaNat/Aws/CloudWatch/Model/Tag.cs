// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>A tag on an alarm: HaNat's ownership tags (hanat:managed, hanat:vpc-name, hanat:vpc-id) go on every alarm it makes.</summary>
    internal class Tag
    {
        public string Key { get; set; }
        public string Value { get; set; }
    }
}
