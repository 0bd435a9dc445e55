using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Reads every page of a list call. The request's page token is advanced in place, as the SDK's paginators
    /// do. A page without a next token is the last; so is one that hands back the token it was just given,
    /// which would otherwise keep the loop asking for the same page for ever.
    /// </summary>
    internal static class QueryPager
    {
        public static async Task<List<TItem>> AllPagesAsync<TResponse, TItem>(this IQueryClient client,
            PagedQueryRequest<TResponse> request, Func<TResponse, List<TItem>?> itemsOf, CancellationToken cancellationToken)
            where TResponse : AmazonWebServiceResponse, new()
        {
            var items = new List<TItem>();
            while (true)
            {
                var page = await client.CallAsync(request, cancellationToken).ConfigureAwait(false);
                if (itemsOf(page) is List<TItem> pageItems) items.AddRange(pageItems);
                var next = request.NextPageToken(page);
                if (string.IsNullOrEmpty(next) || next == request.PageToken) return items;
                request.PageToken = next;
            }
        }
    }
}
