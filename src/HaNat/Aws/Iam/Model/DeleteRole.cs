// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Fails with DeleteConflict while the role has inline policies or sits in an instance profile.</summary>
    internal class DeleteRoleRequest : AmazonIdentityManagementServiceRequest
    {
        public string RoleName { get; set; }
    }

    internal class DeleteRoleResponse : AmazonWebServiceResponse
    {
    }
}
