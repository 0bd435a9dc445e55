// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Adds tags to a role, replacing the values of keys it already has.</summary>
    internal class TagRoleRequest : QueryRequest<TagRoleResponse>
    {
        public string RoleName { get; set; }
        public List<Tag> Tags { get; set; }

        internal override string LogDetail => RoleName;
    }

    internal class TagRoleResponse : AmazonWebServiceResponse
    {
    }
}
