// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    internal class CreateRoleRequest : QueryRequest<CreateRoleResponse>
    {
        public string RoleName { get; set; }
        /// <summary>The trust policy, as JSON.</summary>
        public string AssumeRolePolicyDocument { get; set; }
        public string Path { get; set; }
        public string Description { get; set; }
        public int? MaxSessionDuration { get; set; }
        public List<Tag> Tags { get; set; }

        internal override string LogDetail => RoleName;
    }

    internal class CreateRoleResponse : AmazonWebServiceResponse
    {
        public Role Role { get; set; }
    }
}
