// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of the names of a role's inline policies.</summary>
    internal class ListRolePoliciesRequest : AmazonIdentityManagementServiceRequest
    {
        public string RoleName { get; set; }
        public string Marker { get; set; }
        public int? MaxItems { get; set; }
    }

    internal class ListRolePoliciesResponse : AmazonWebServiceResponse
    {
        public List<string> PolicyNames { get; set; }
        public bool? IsTruncated { get; set; }
        /// <summary>Where the next page starts when IsTruncated.</summary>
        public string Marker { get; set; }
    }
}
