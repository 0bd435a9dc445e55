// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
// Read-only here: a record of what the reply said.
#nullable disable
namespace HaNat.Aws.Iam.Model
{
    /// <summary>The container that hands a role to an EC2 instance; it holds at most one role.</summary>
    internal sealed record InstanceProfile(
        string Arn, DateTime? CreateDate, string InstanceProfileId, string InstanceProfileName, string Path,
        List<Role> Roles, List<Tag> Tags);
}
