// Shaped like Amazon.IdentityManagement.Model in AWSSDK.IdentityManagement v4 (same names, nullable value types,
// reference types without nullable annotations), so code written against it compiles unchanged after a swap.
#nullable disable
using HaNat.Aws.Query;

namespace HaNat.Aws.Iam.Model
{
    /// <summary>One page of a list about a role; IAM pages with Marker (see <see cref="IamPage"/>).</summary>
    internal abstract class IamListRequest<TResponse> : PagedQueryRequest<TResponse>
        where TResponse : IamPage, new()
    {
        public string RoleName { get; set; }
        public string Marker { get; set; }
        public int? MaxItems { get; set; }

        internal override string LogDetail => RoleName;

        internal override string PageToken
        {
            get => Marker;
            set => Marker = value;
        }

        internal override string NextPageToken(TResponse page) => page.IsTruncated == true ? page.Marker : null;
    }
}
