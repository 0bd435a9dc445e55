// Shaped like Amazon.AutoScaling.Model in AWSSDK.AutoScaling v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using HaNat.Aws.Query;

namespace HaNat.Aws.AutoScaling.Model
{
    /// <summary>One page of a describe call; Auto Scaling pages with NextToken (see <see cref="AutoScalingPage"/>).</summary>
    internal abstract class AutoScalingPageRequest<TResponse> : PagedQueryRequest<TResponse>
        where TResponse : AutoScalingPage, new()
    {
        /// <summary>At most 100; the service's default is 50.</summary>
        public int? MaxRecords { get; set; }
        public string NextToken { get; set; }

        internal override string PageToken
        {
            get => NextToken;
            set => NextToken = value;
        }

        internal override string NextPageToken(TResponse page) => page.NextToken;
    }
}
