// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of the names of a role's inline policies.</summary>
    internal class ListRolePoliciesRequest : IamListRequest<ListRolePoliciesResponse>
    {
    }

    internal class ListRolePoliciesResponse : IamPage
    {
        public List<string> PolicyNames { get; set; }
    }
}
