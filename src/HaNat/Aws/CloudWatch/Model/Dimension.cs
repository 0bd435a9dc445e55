// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>A name/value pair that is part of a metric's identity (VpcName=prod, AvailabilityZone=eu-west-1a).</summary>
    internal class Dimension
    {
        public string Name { get; set; }
        public string Value { get; set; }
    }
}
