// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using System.Collections.Generic;
using Amazon.Runtime;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of the instance profiles a role is in.</summary>
    internal class ListInstanceProfilesForRoleRequest : AmazonIdentityManagementServiceRequest
    {
        public string RoleName { get; set; }
        public string Marker { get; set; }
        public int? MaxItems { get; set; }
    }

    internal class ListInstanceProfilesForRoleResponse : AmazonWebServiceResponse
    {
        public List<InstanceProfile> InstanceProfiles { get; set; }
        public bool? IsTruncated { get; set; }
        public string Marker { get; set; }
    }
}
