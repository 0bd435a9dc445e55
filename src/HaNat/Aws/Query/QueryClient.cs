using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Xml;
using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Sends Query-protocol calls for one service: a signed form POST per attempt, the XML reply parsed, AWS
    /// error replies turned into AwsCallException with the service's error code, throttling and transient
    /// failures retried by <see cref="QueryRetryPolicy"/>, and one line per call in the session's AwsCallLog,
    /// in the same form AwsCall writes for the SDK clients. Each service's client is one of these with the
    /// service's name on it (AutoScalingClient, IamClient).
    /// </summary>
    internal class QueryClient : IQueryClient
    {
        /// <summary>One handler for every Query client in the process, so connections are reused across cmdlet calls.</summary>
        private static readonly HttpClientHandler SharedHandler = new HttpClientHandler();

        private readonly QueryService _service;
        private readonly AWSCredentials _credentials;
        private readonly AwsCallLog _log;
        private readonly CancellationToken _sessionCancellation;
        private readonly QueryRequestSigner _signer;
        private readonly QueryRetryPolicy _retry;
        private readonly HttpClient _http;
        private readonly Random _jitter = new Random();

        public QueryClient(QueryService service, AwsSession session, QueryRetryPolicy? retryPolicy = null)
        {
            _service = service;
            _credentials = session.Credentials.Credentials;
            _log = session.Log;
            _sessionCancellation = session.Cancellation;
            Endpoint = service.EndpointFor(session);
            _signer = new QueryRequestSigner(service.SigningName, Endpoint.SigningRegion);
            _retry = retryPolicy ?? QueryRetryPolicy.Default;
            // Per attempt; a timed-out attempt counts as a transient failure and is retried.
            _http = new HttpClient(SharedHandler, disposeHandler: false) { Timeout = _retry.AttemptTimeout };
        }

        public QueryEndpoint Endpoint { get; }

        /// <summary>Calls the request's action with its parameters (<see cref="QueryForm"/>) and reads the reply into its response.</summary>
        public async Task<TResponse> CallAsync<TResponse>(QueryRequest<TResponse> request, CancellationToken cancellationToken = default)
            where TResponse : AmazonWebServiceResponse, new()
        {
            var reply = await InvokeAsync(request.Action, QueryForm.Of(request), request.LogDetail ?? string.Empty, cancellationToken, request)
                .ConfigureAwait(false);
            return reply.Into(QueryReader.Read<TResponse>(reply.Result));
        }

        /// <summary>
        /// Calls <paramref name="action"/> and returns its reply. <paramref name="detail"/> says in the log line what
        /// the call was about (a group name, a role name). Cancellation by <paramref name="cancellationToken"/> or by
        /// the session (Ctrl+C) ends the call at once with an OperationCanceledException, retries included.
        /// <paramref name="original"/> is the typed request, handed to the signer as the SDK hands it; an action
        /// called without one (for example from a test, with hand-built parameters) gets a placeholder.
        /// </summary>
        public async Task<QueryReply> InvokeAsync(string action, QueryParameters parameters, string detail,
            CancellationToken cancellationToken, AmazonWebServiceRequest? original = null)
        {
            original ??= new UntypedQueryRequest();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sessionCancellation);
            var token = linked.Token;
            var body = Encoding.UTF8.GetBytes(parameters.ToFormBody(action, _service.ApiVersion));
            var clock = Stopwatch.StartNew();

            for (var attempt = 1; ; attempt++)
            {
                token.ThrowIfCancellationRequested();
                HttpStatusCode status;
                string text;
                try
                {
                    (status, text) = await SendOnceAsync(body, original, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransientNetworkFailure(ex, token))
                {
                    if (attempt < _retry.MaxAttempts)
                    {
                        await WaitBeforeRetryAsync(action, attempt, ex.Message, token).ConfigureAwait(false);
                        continue;
                    }
                    _log.Record(Line(action, detail, $" failed: {ex.Message}", clock));
                    throw new AwsCallException(_service.Name, action, "ConnectionError", 0,
                        $"{ex.Message} (endpoint {Endpoint.Url}, {attempt} attempts)", ex);
                }
                catch (AmazonClientException ex)
                {
                    // Credentials could not be resolved or refreshed (an expired SSO token, an unreachable IMDS).
                    _log.Record(Line(action, detail, $" failed: {ex.Message}", clock));
                    throw new AwsCallException(_service.Name, action, "ClientError", 0, ex.Message, ex);
                }
                catch (AmazonServiceException ex)
                {
                    // A credential provider's own AWS call failed (for example STS refusing an AssumeRole).
                    _log.Record(Line(action, detail, $" failed: {ex.ErrorCode}", clock));
                    throw new AwsCallException(_service.Name, action, ex.ErrorCode, ex.StatusCode, ex.Message, ex);
                }

                if ((int)status >= 200 && (int)status < 300)
                {
                    var reply = ParseReply(action, detail, text, status, clock);
                    _log.Record(Line(action, detail, string.Empty, clock));
                    return reply;
                }

                var error = QueryError.TryParse(text) ?? QueryError.FromStatus(status, text);
                if (QueryRetryPolicy.IsRetryable(status, error.Code) && attempt < _retry.MaxAttempts)
                {
                    await WaitBeforeRetryAsync(action, attempt, error.Code, token).ConfigureAwait(false);
                    continue;
                }

                _log.Record(Line(action, detail, $" failed: {error.Code}", clock));
                var inner = new AmazonServiceException(error.Message, null, error.Type, error.Code, error.RequestId, status);
                throw new AwsCallException(_service.Name, action, error.Code, status, error.Message, inner);
            }
        }

        /// <summary>One attempt: fresh credentials (they may have been refreshed), a fresh signature, the whole reply read.</summary>
        private async Task<(HttpStatusCode Status, string Body)> SendOnceAsync(byte[] body, AmazonWebServiceRequest original, CancellationToken token)
        {
            var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var message = BuildMessage(body, credentials, original);
            using var response = await _http.SendAsync(message, token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return (response.StatusCode, text);
        }

        private HttpRequestMessage BuildMessage(byte[] body, ImmutableCredentials credentials, AmazonWebServiceRequest original)
        {
            var headers = _signer.Sign(Endpoint.Url, body, credentials, original);
            var message = new HttpRequestMessage(HttpMethod.Post, Endpoint.Url) { Content = new ByteArrayContent(body) };
            foreach (var header in headers)
            {
                // HttpClient writes Host from the URL, the same value the signer signed.
                if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase)) continue;
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    // Sent byte for byte as signed: no parsing or reformatting of the media type.
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    continue;
                }
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return message;
        }

        private QueryReply ParseReply(string action, string detail, string text, HttpStatusCode status, Stopwatch clock)
        {
            try
            {
                return QueryReply.Parse(action, text, status);
            }
            catch (XmlException ex)
            {
                _log.Record(Line(action, detail, " failed: InvalidResponse", clock));
                throw new AwsCallException(_service.Name, action, "InvalidResponse", status,
                    $"the reply from {Endpoint.Url} is not XML: {ex.Message}", ex);
            }
        }

        private async Task WaitBeforeRetryAsync(string action, int attempt, string reason, CancellationToken token)
        {
            double unit;
            lock (_jitter) unit = _jitter.NextDouble();
            var delay = _retry.DelayBefore(attempt + 1, unit);
            _log.Note($"{_service.Name} {action} attempt {attempt} of {_retry.MaxAttempts} failed ({reason}); retrying in {(long)delay.TotalMilliseconds} ms");
            await Task.Delay(delay, token).ConfigureAwait(false);
        }

        /// <summary>
        /// A failure to reach the service at all, worth another attempt: a refused or reset connection, a DNS
        /// hiccup, or an attempt that outlived HttpClient.Timeout. A cancellation the caller asked for is not one.
        /// </summary>
        private static bool IsTransientNetworkFailure(Exception ex, CancellationToken token) =>
            ex is HttpRequestException || ex is IOException ||
            (ex is OperationCanceledException && !token.IsCancellationRequested);

        private string Line(string action, string detail, string outcome, Stopwatch clock) =>
            $"{_service.Name} {action}{(string.IsNullOrEmpty(detail) ? string.Empty : " " + detail)}{outcome} ({clock.ElapsedMilliseconds} ms)";

        public void Dispose() => _http.Dispose();

        /// <summary>The SDK's request wrapper insists on an original request; this stands in for calls without a typed one.</summary>
        private sealed class UntypedQueryRequest : AmazonWebServiceRequest
        {
        }
    }
}
