// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>
    /// A tag to put on a group. PropagateAtLaunch copies it onto the instances the group launches, which is how a
    /// NAT instance learns its VPC and role from its own tags.
    /// </summary>
    internal class Tag
    {
        public string Key { get; set; }
        public string Value { get; set; }
        public bool? PropagateAtLaunch { get; set; }
        /// <summary>The group's name; optional when the tag is given at creation.</summary>
        public string ResourceId { get; set; }
        /// <summary>Always auto-scaling-group; optional when the tag is given at creation.</summary>
        public string ResourceType { get; set; }
    }
}
