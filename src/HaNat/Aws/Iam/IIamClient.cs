using System;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.Iam.Model;

namespace HaNat.Aws.Iam
{
    /// <summary>
    /// The IAM calls HaNat makes, with the signatures of Amazon.IdentityManagement.IAmazonIdentityManagementService,
    /// so that moving to AWSSDK.IdentityManagement (not served on HaNat's package registry today) means changing
    /// this type and the model namespace, not the callers. Get one from <see cref="AwsSession.CreateIamClient"/>.
    /// One difference: IAM returns policy documents URL-encoded and this client decodes them
    /// (Role.AssumeRolePolicyDocument, GetRolePolicyResponse.PolicyDocument); the SDK leaves that to the caller,
    /// so a swap needs a WebUtility.UrlDecode where those are read.
    /// Failures are AwsCallExceptions carrying IAM's error code (NoSuchEntity, EntityAlreadyExists, DeleteConflict, …).
    /// </summary>
    internal interface IIamClient : IDisposable
    {
        Task<CreateRoleResponse> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default);

        Task<GetRoleResponse> GetRoleAsync(GetRoleRequest request, CancellationToken cancellationToken = default);

        Task<DeleteRoleResponse> DeleteRoleAsync(DeleteRoleRequest request, CancellationToken cancellationToken = default);

        Task<PutRolePolicyResponse> PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default);

        Task<GetRolePolicyResponse> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken cancellationToken = default);

        Task<DeleteRolePolicyResponse> DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken cancellationToken = default);

        Task<ListRolePoliciesResponse> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default);

        Task<CreateInstanceProfileResponse> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken cancellationToken = default);

        Task<GetInstanceProfileResponse> GetInstanceProfileAsync(GetInstanceProfileRequest request, CancellationToken cancellationToken = default);

        Task<AddRoleToInstanceProfileResponse> AddRoleToInstanceProfileAsync(AddRoleToInstanceProfileRequest request, CancellationToken cancellationToken = default);

        Task<RemoveRoleFromInstanceProfileResponse> RemoveRoleFromInstanceProfileAsync(RemoveRoleFromInstanceProfileRequest request, CancellationToken cancellationToken = default);

        Task<DeleteInstanceProfileResponse> DeleteInstanceProfileAsync(DeleteInstanceProfileRequest request, CancellationToken cancellationToken = default);

        Task<ListInstanceProfilesForRoleResponse> ListInstanceProfilesForRoleAsync(ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default);

        Task<TagRoleResponse> TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default);

        Task<ListRoleTagsResponse> ListRoleTagsAsync(ListRoleTagsRequest request, CancellationToken cancellationToken = default);
    }
}
