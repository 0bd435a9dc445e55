// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>Which launch template a group launches from: its id or its name, and a version (a number, $Latest or $Default).</summary>
    internal class LaunchTemplateSpecification
    {
        public string LaunchTemplateId { get; set; }
        public string LaunchTemplateName { get; set; }
        public string Version { get; set; }
    }
}
