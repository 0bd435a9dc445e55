// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of a role's tags.</summary>
    internal class ListRoleTagsRequest : AmazonIdentityManagementServiceRequest
    {
        public string RoleName { get; set; }
        public string Marker { get; set; }
        public int? MaxItems { get; set; }
    }

    internal class ListRoleTagsResponse : AmazonWebServiceResponse
    {
        public List<Tag> Tags { get; set; }
        public bool? IsTruncated { get; set; }
        public string Marker { get; set; }
    }
}
