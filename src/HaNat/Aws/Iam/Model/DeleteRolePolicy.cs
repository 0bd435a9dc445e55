// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    internal class DeleteRolePolicyRequest : QueryRequest<DeleteRolePolicyResponse>
    {
        public string RoleName { get; set; }
        public string PolicyName { get; set; }

        internal override string LogDetail => $"{RoleName} {PolicyName}";
    }

    internal class DeleteRolePolicyResponse : AmazonWebServiceResponse
    {
    }
}
