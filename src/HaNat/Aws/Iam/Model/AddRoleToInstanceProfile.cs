// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Fails with LimitExceeded when the profile already holds a role.</summary>
    internal class AddRoleToInstanceProfileRequest : AmazonIdentityManagementServiceRequest
    {
        public string InstanceProfileName { get; set; }
        public string RoleName { get; set; }
    }

    internal class AddRoleToInstanceProfileResponse : AmazonWebServiceResponse
    {
    }
}
