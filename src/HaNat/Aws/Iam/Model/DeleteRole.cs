// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Fails with DeleteConflict while the role has inline policies or sits in an instance profile.</summary>
    internal class DeleteRoleRequest : QueryRequest<DeleteRoleResponse>
    {
        public string RoleName { get; set; }

        internal override string LogDetail => RoleName;
    }

    internal class DeleteRoleResponse : AmazonWebServiceResponse
    {
    }
}
