// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Creates or replaces an inline policy of a role.</summary>
    internal class PutRolePolicyRequest : QueryRequest<PutRolePolicyResponse>
    {
        public string RoleName { get; set; }
        public string PolicyName { get; set; }
        /// <summary>The permissions policy, as JSON.</summary>
        public string PolicyDocument { get; set; }

        internal override string LogDetail => $"{RoleName} {PolicyName}";
    }

    internal class PutRolePolicyResponse : AmazonWebServiceResponse
    {
    }
}
