// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Fails with LimitExceeded when the profile already holds a role.</summary>
    internal class AddRoleToInstanceProfileRequest : QueryRequest<AddRoleToInstanceProfileResponse>
    {
        public string InstanceProfileName { get; set; }
        public string RoleName { get; set; }

        internal override string LogDetail => $"{RoleName} -> {InstanceProfileName}";
    }

    internal class AddRoleToInstanceProfileResponse : AmazonWebServiceResponse
    {
    }
}
