// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    internal class GetRolePolicyRequest : QueryRequest<GetRolePolicyResponse>
    {
        public string RoleName { get; set; }
        public string PolicyName { get; set; }

        internal override string LogDetail => $"{RoleName} {PolicyName}";
    }

    internal class GetRolePolicyResponse : AmazonWebServiceResponse
    {
        public string RoleName { get; set; }
        public string PolicyName { get; set; }
        /// <summary>The policy as JSON, already URL-decoded (see IIamClient).</summary>
        [UrlEncodedPolicy]
        public string PolicyDocument { get; set; }
    }
}
