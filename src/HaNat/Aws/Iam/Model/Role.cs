// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
// Read-only here: a record of what the reply said.
#nullable disable
namespace HaNat.Aws.Iam.Model
{
    /// <summary>A role as IAM returns it.</summary>
    /// <param name="AssumeRolePolicyDocument">The trust policy as JSON, already URL-decoded (see IIamClient).</param>
    internal sealed record Role(
        string Arn, [UrlEncodedPolicy] string AssumeRolePolicyDocument, DateTime? CreateDate, string Description,
        int? MaxSessionDuration, string Path, string RoleId, string RoleName, List<Tag> Tags);
}
