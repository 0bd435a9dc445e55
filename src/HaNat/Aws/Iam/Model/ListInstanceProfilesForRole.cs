// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of the instance profiles a role is in.</summary>
    internal class ListInstanceProfilesForRoleRequest : IamListRequest<ListInstanceProfilesForRoleResponse>
    {
    }

    internal class ListInstanceProfilesForRoleResponse : IamPage
    {
        public List<InstanceProfile> InstanceProfiles { get; set; }
    }
}
