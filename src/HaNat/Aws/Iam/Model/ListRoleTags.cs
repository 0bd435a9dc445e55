// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of a role's tags.</summary>
    internal class ListRoleTagsRequest : IamListRequest<ListRoleTagsResponse>
    {
    }

    internal class ListRoleTagsResponse : IamPage
    {
        public List<Tag> Tags { get; set; }
    }
}
