// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>Adds tags to a role, replacing the values of keys it already has.</summary>
    internal class TagRoleRequest : AmazonIdentityManagementServiceRequest
    {
        public string RoleName { get; set; }
        public List<Tag> Tags { get; set; }
    }

    internal class TagRoleResponse : AmazonWebServiceResponse
    {
    }
}
