using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// A request for one page of a list. Each service names its page token its own way (IAM: Marker, and a page
    /// says IsTruncated while more follow; Auto Scaling: NextToken), so each paged request maps its own, and
    /// <see cref="QueryPager"/> follows them all the same way.
    /// </summary>
    internal abstract class PagedQueryRequest<TResponse> : QueryRequest<TResponse>
        where TResponse : AmazonWebServiceResponse, new()
    {
        /// <summary>The token of the page to ask for; null for the first page.</summary>
        internal abstract string? PageToken { get; set; }

        /// <summary>The token of the page after <paramref name="page"/>; null or empty when it is the last.</summary>
        internal abstract string? NextPageToken(TResponse page);
    }
}
