using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>
    /// IAM's calls under the names and signatures of the SDK's client methods, each one <see cref="IQueryClient.CallAsync{TResponse}"/>
    /// with its typed request, and the ListAll… readers that follow the pages (<see cref="QueryPager"/>). They sit
    /// in the model's namespace so that code naming the requests finds them, as it would find the SDK client's methods.
    /// </summary>
    internal static class IamCalls
    {
        public static Task<CreateRoleResponse> CreateRoleAsync(this IIamClient client, CreateRoleRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<GetRoleResponse> GetRoleAsync(this IIamClient client, GetRoleRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DeleteRoleResponse> DeleteRoleAsync(this IIamClient client, DeleteRoleRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<PutRolePolicyResponse> PutRolePolicyAsync(this IIamClient client, PutRolePolicyRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<GetRolePolicyResponse> GetRolePolicyAsync(this IIamClient client, GetRolePolicyRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(this IIamClient client, DeleteRolePolicyRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<ListRolePoliciesResponse> ListRolePoliciesAsync(this IIamClient client, ListRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<CreateInstanceProfileResponse> CreateInstanceProfileAsync(this IIamClient client, CreateInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<GetInstanceProfileResponse> GetInstanceProfileAsync(this IIamClient client, GetInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<AddRoleToInstanceProfileResponse> AddRoleToInstanceProfileAsync(this IIamClient client, AddRoleToInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(this IIamClient client, RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<DeleteInstanceProfileResponse> DeleteInstanceProfileAsync(this IIamClient client, DeleteInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(this IIamClient client, ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<TagRoleResponse> TagRoleAsync(this IIamClient client, TagRoleRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<ListRoleTagsResponse> ListRoleTagsAsync(this IIamClient client, ListRoleTagsRequest request, CancellationToken cancellationToken = default) =>
            client.CallAsync(request, cancellationToken);

        public static Task<List<string>> ListAllRolePoliciesAsync(this IIamClient client, ListRolePoliciesRequest request,
            CancellationToken cancellationToken = default) => client.AllPagesAsync(request, page => page.PolicyNames, cancellationToken);

        public static Task<List<InstanceProfile>> ListAllInstanceProfilesForRoleAsync(this IIamClient client,
            ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default) =>
            client.AllPagesAsync(request, page => page.InstanceProfiles, cancellationToken);

        public static Task<List<Tag>> ListAllRoleTagsAsync(this IIamClient client, ListRoleTagsRequest request,
            CancellationToken cancellationToken = default) => client.AllPagesAsync(request, page => page.Tags, cancellationToken);
    }
}
