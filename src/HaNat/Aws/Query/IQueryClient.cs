using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Makes a typed Query call: the request's parameters sent as its action, the reply read into its response.
    /// Failures are AwsCallExceptions carrying the service's error code; see <see cref="QueryClient"/>.
    /// </summary>
    internal interface IQueryClient : IDisposable
    {
        Task<TResponse> CallAsync<TResponse>(QueryRequest<TResponse> request, CancellationToken cancellationToken = default)
            where TResponse : AmazonWebServiceResponse, new();
    }
}
