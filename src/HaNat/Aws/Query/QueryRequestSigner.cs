using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Signs a Query POST with the SDK's own SigV4 signer (AWS4Signer), so HaNat holds no signing code of its own.
    /// The signer works on the SDK's request type: the form body goes in as DefaultRequest.Content, and the
    /// headers it computes (Host, X-Amz-Date, X-Amz-Content-SHA256, Authorization) come back out to be sent.
    /// </summary>
    internal sealed class QueryRequestSigner
    {
        public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

        private readonly AWS4Signer _signer = new AWS4Signer(signPayload: true);
        private readonly QuerySigningConfig _config;

        public QueryRequestSigner(string signingName, string signingRegion)
        {
            _config = new QuerySigningConfig(signingName, signingRegion);
        }

        public string SigningName => _config.AuthenticationServiceName;
        public string SigningRegion => _config.AuthenticationRegion;

        /// <summary>
        /// Returns the headers to send with <paramref name="body"/> to <paramref name="url"/>, the signature among
        /// them. A session token is added before signing, as the SDK does, so it is covered by the signature.
        /// </summary>
        public IDictionary<string, string> Sign(Uri url, byte[] body, ImmutableCredentials credentials, AmazonWebServiceRequest original)
        {
            using var request = new DefaultRequest(original, _config.AuthenticationServiceName)
            {
                HttpMethod = "POST",
                // The signer joins Endpoint and ResourcePath into the canonical URI.
                Endpoint = new Uri(url.GetLeftPart(UriPartial.Authority)),
                ResourcePath = url.AbsolutePath,
                Content = body,
            };
            request.Headers[HeaderKeys.ContentTypeHeader] = FormContentType;
            if (credentials.UseToken) request.Headers[HeaderKeys.XAmzSecurityTokenHeader] = credentials.Token;

            var result = _signer.SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey);
            request.Headers[HeaderKeys.AuthorizationHeader] = result.ForAuthorizationHeader;
            return new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The signer reads the signing name and region from a client configuration, as it does for every SDK
        /// client; AuthenticationServiceName and AuthenticationRegion are the knobs the SDK documents for that.
        /// Nothing else in it is used: HaNat does its own transport.
        /// </summary>
        private sealed class QuerySigningConfig : ClientConfig
        {
            // ClientConfig insists on at least one defaults mode; the signer reads none of its values.
            private static readonly DefaultConfiguration StandardMode = new DefaultConfiguration
            {
                Name = DefaultConfigurationMode.Standard,
                RetryMode = RequestRetryMode.Standard,
            };

            public QuerySigningConfig(string signingName, string signingRegion)
                : base(new DefaultConfigurationProvider(new IDefaultConfiguration[] { StandardMode }))
            {
                AuthenticationServiceName = signingName;
                AuthenticationRegion = signingRegion;
            }

            public override string RegionEndpointServiceName => AuthenticationServiceName;
            public override string ServiceVersion => "Query";
            public override string UserAgent => "HaNat";

            public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
                new Endpoint(ServiceURL);
        }
    }
}
