using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam
{
    /// <summary>IAM over the Query protocol: each call marshals its request, sends it, and reads the reply.</summary>
    internal sealed class IamClient : IIamClient
    {
        private readonly QueryClient _query;

        public IamClient(AwsSession session, QueryRetryPolicy? retryPolicy = null)
        {
            _query = new QueryClient(QueryService.Iam, session, retryPolicy);
        }

        /// <summary>Where the calls go and the region they are signed for (IAM's partition home, us-east-1 in the commercial one).</summary>
        public QueryEndpoint Endpoint => _query.Endpoint;

        public async Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("CreateRole", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.CreateRole(reply.Result));
        }

        public async Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("GetRole", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.GetRole(reply.Result));
        }

        public async Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("DeleteRole", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new DeleteRoleResponse());
        }

        public async Task<PutRolePolicyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("PutRolePolicy", IamMarshaller.Marshal(request), $"{request.RoleName} {request.PolicyName}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new PutRolePolicyResponse());
        }

        public async Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("GetRolePolicy", IamMarshaller.Marshal(request), $"{request.RoleName} {request.PolicyName}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.GetRolePolicy(reply.Result));
        }

        public async Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("DeleteRolePolicy", IamMarshaller.Marshal(request), $"{request.RoleName} {request.PolicyName}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new DeleteRolePolicyResponse());
        }

        public async Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("ListRolePolicies", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.ListRolePolicies(reply.Result));
        }

        public async Task<CreateInstanceProfileResponse> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("CreateInstanceProfile", IamMarshaller.Marshal(request), request.InstanceProfileName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.CreateInstanceProfile(reply.Result));
        }

        public async Task<GetInstanceProfileResponse> GetInstanceProfileAsync(GetInstanceProfileRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("GetInstanceProfile", IamMarshaller.Marshal(request), request.InstanceProfileName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.GetInstanceProfile(reply.Result));
        }

        public async Task<AddRoleToInstanceProfileResponse> AddRoleToInstanceProfileAsync(AddRoleToInstanceProfileRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("AddRoleToInstanceProfile", IamMarshaller.Marshal(request), $"{request.RoleName} -> {request.InstanceProfileName}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new AddRoleToInstanceProfileResponse());
        }

        public async Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("RemoveRoleFromInstanceProfile", IamMarshaller.Marshal(request), $"{request.RoleName} <- {request.InstanceProfileName}", cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new RemoveRoleFromInstanceProfileResponse());
        }

        public async Task<DeleteInstanceProfileResponse> DeleteInstanceProfileAsync(DeleteInstanceProfileRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("DeleteInstanceProfile", IamMarshaller.Marshal(request), request.InstanceProfileName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new DeleteInstanceProfileResponse());
        }

        public async Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("ListInstanceProfilesForRole", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.ListInstanceProfilesForRole(reply.Result));
        }

        public async Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("TagRole", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(new TagRoleResponse());
        }

        public async Task<ListRoleTagsResponse> ListRoleTagsAsync(ListRoleTagsRequest request, CancellationToken cancellationToken = default)
        {
            var reply = await _query.InvokeAsync("ListRoleTags", IamMarshaller.Marshal(request), request.RoleName, cancellationToken, request).ConfigureAwait(false);
            return reply.Into(IamUnmarshaller.ListRoleTags(reply.Result));
        }

        public void Dispose() => _query.Dispose();
    }
}
