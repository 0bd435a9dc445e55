using HaNat.Aws.Query;

namespace HaNat.Aws.Iam
{
    /// <summary>
    /// The IAM client. Its calls (<see cref="Model.IamCalls"/>) have the names and signatures of
    /// Amazon.IdentityManagement.IAmazonIdentityManagementService, so that moving to AWSSDK.IdentityManagement
    /// (not served on HaNat's package registry today) means changing this type and the model namespace, not the
    /// callers. Get one from <see cref="AwsSession.CreateIamClient"/>.
    /// One difference: IAM returns policy documents URL-encoded and this client decodes them
    /// (Role.AssumeRolePolicyDocument, GetRolePolicyResponse.PolicyDocument); the SDK leaves that to the caller,
    /// so a swap needs a WebUtility.UrlDecode where those are read.
    /// Failures are AwsCallExceptions carrying IAM's error code (NoSuchEntity, EntityAlreadyExists, DeleteConflict, …).
    /// </summary>
    internal interface IIamClient : IQueryClient
    {
    }
}
