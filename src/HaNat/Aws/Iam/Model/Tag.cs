// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable

namespace HaNat.Aws.Iam.Model
{
    /// <summary>A tag on a role or an instance profile.</summary>
    internal class Tag
    {
        public string Key { get; set; }
        public string Value { get; set; }
    }
}
