using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws.Iam.Model;

namespace HaNat.Aws.Iam
{
    /// <summary>
    /// Reads every page of IAM's list calls: IAM pages with Marker and says IsTruncated while more follow. The
    /// request's Marker is advanced in place, as the SDK's paginators do.
    /// </summary>
    internal static class IamPaging
    {
        public static async Task<List<string>> ListAllRolePoliciesAsync(this IIamClient client, ListRolePoliciesRequest request,
            CancellationToken cancellationToken = default)
        {
            var names = new List<string>();
            while (true)
            {
                var page = await client.ListRolePoliciesAsync(request, cancellationToken).ConfigureAwait(false);
                if (page.PolicyNames != null) names.AddRange(page.PolicyNames);
                if (!HasNextPage(page.IsTruncated, page.Marker, request.Marker)) return names;
                request.Marker = page.Marker;
            }
        }

        public static async Task<List<InstanceProfile>> ListAllInstanceProfilesForRoleAsync(this IIamClient client,
            ListInstanceProfilesForRoleRequest request, CancellationToken cancellationToken = default)
        {
            var profiles = new List<InstanceProfile>();
            while (true)
            {
                var page = await client.ListInstanceProfilesForRoleAsync(request, cancellationToken).ConfigureAwait(false);
                if (page.InstanceProfiles != null) profiles.AddRange(page.InstanceProfiles);
                if (!HasNextPage(page.IsTruncated, page.Marker, request.Marker)) return profiles;
                request.Marker = page.Marker;
            }
        }

        public static async Task<List<Tag>> ListAllRoleTagsAsync(this IIamClient client, ListRoleTagsRequest request,
            CancellationToken cancellationToken = default)
        {
            var tags = new List<Tag>();
            while (true)
            {
                var page = await client.ListRoleTagsAsync(request, cancellationToken).ConfigureAwait(false);
                if (page.Tags != null) tags.AddRange(page.Tags);
                if (!HasNextPage(page.IsTruncated, page.Marker, request.Marker)) return tags;
                request.Marker = page.Marker;
            }
        }

        // A truncated page without a new marker cannot be followed; stopping beats asking for the same page for ever.
        private static bool HasNextPage(bool? isTruncated, string? marker, string? previousMarker) =>
            isTruncated == true && !string.IsNullOrEmpty(marker) && marker != previousMarker;
    }
}
