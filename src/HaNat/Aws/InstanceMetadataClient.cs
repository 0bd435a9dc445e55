using System.Net.Http;

namespace HaNat.Aws
{
    /// <summary>
    /// IMDSv2 only: a session token first (PUT), then reads that carry it. There is no IMDSv1 fallback, so an
    /// instance launched with HttpTokens=required works and one that is not is never read without a token.
    /// The endpoint honors AWS_EC2_METADATA_SERVICE_ENDPOINT, as the SDKs do.
    /// </summary>
    internal sealed class InstanceMetadataClient
    {
        public const string DefaultEndpoint = "http://169.254.169.254";

        /// <summary>
        /// The ErrorIds of "no identity here". Their messages state the fact only: what to do instead depends on the
        /// cmdlet (-InstanceId, -VpcId, or run it on a NAT), which adds it.
        /// </summary>
        public const string NotOnInstance = "NotOnInstance";
        public const string MetadataDisabled = "InstanceMetadataDisabled";
        private static readonly HttpClient Http = new HttpClient(new HttpClientHandler { UseProxy = false });

        private readonly string _endpoint;
        private readonly TimeSpan _timeout;

        public InstanceMetadataClient(string? endpoint = null, TimeSpan? timeout = null)
        {
            _endpoint = (endpoint ?? ConfiguredEndpoint()).TrimEnd('/');
            _timeout = timeout ?? TimeSpan.FromSeconds(2);
        }

        public string Endpoint => _endpoint;

        public static string ConfiguredEndpoint()
        {
            var configured = Environment.GetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT");
            return string.IsNullOrWhiteSpace(configured) ? DefaultEndpoint : configured!.Trim();
        }

        /// <summary>True when AWS_EC2_METADATA_DISABLED=true: no IMDS call is made at all.</summary>
        public static bool Disabled =>
            string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase);

        public async Task<string> GetTokenAsync(CancellationToken cancellation)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, _endpoint + "/latest/api/token");
            request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            return await SendAsync(request, cancellation).ConfigureAwait(false);
        }

        public async Task<string> GetAsync(string token, string path, CancellationToken cancellation)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint + "/latest/meta-data/" + path.TrimStart('/'));
            request.Headers.Add("X-aws-ec2-metadata-token", token);
            return (await SendAsync(request, cancellation).ConfigureAwait(false)).Trim();
        }

        /// <summary>
        /// One metadata path that may be absent: its text, or null when IMDS answers 404 (as it does for
        /// spot/instance-action while there is no notice). Any other refusal throws, as <see cref="GetAsync"/>;
        /// a 401 (the token expired) throws <see cref="TokenRejectedException"/>, so the caller asks for a new one.
        /// </summary>
        public async Task<string?> TryGetAsync(string token, string path, CancellationToken cancellation)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint + "/latest/meta-data/" + path.TrimStart('/'));
            request.Headers.Add("X-aws-ec2-metadata-token", token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_timeout);
            using var response = await Http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) throw new TokenRejectedException();
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HaNatException("InstanceMetadataError", HaNatErrorKind.ConnectionError,
                    $"IMDS GET {request.RequestUri!.AbsolutePath} answered {(int)response.StatusCode}.");
            }
            return body.Trim();
        }

        /// <summary>IMDS refused the session token (401): it expired, or IMDS restarted; get a new one.</summary>
        internal sealed class TokenRejectedException : Exception
        {
            public TokenRejectedException() : base("IMDS refused the session token (401).") { }
        }

        /// <summary>
        /// This instance's identity, the one way HaNat reads it. With <paramref name="attempts"/> above 1, an answer
        /// that does not come in time (a busy host at boot) is asked for again, up to that many times, and then fails
        /// as NotOnInstance; a refusal (not on an instance) fails at once.
        /// </summary>
        /// <param name="retrying">Told the number of each attempt that timed out before the next one.</param>
        public InstanceMetadata GetIdentity(CancellationToken cancellation, int attempts = 1, Action<int>? retrying = null)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return GetIdentityAsync(cancellation).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (attempts > 1 && TimedOut(ex) && !cancellation.IsCancellationRequested)
                {
                    if (attempt == attempts)
                    {
                        throw new HaNatException(NotOnInstance, HaNatErrorKind.ConnectionError,
                            $"The instance metadata service at {_endpoint} did not answer in time, {attempt} times. Check the instance's metadata options (IMDSv2, hop limit).", ex);
                    }
                    retrying?.Invoke(attempt);
                }
            }
        }

        private static bool TimedOut(Exception ex) =>
            ex is OperationCanceledException || ex is HaNatException && ex.InnerException is OperationCanceledException;

        /// <summary>Reads this instance's identity: who it is, where, and the VPC it lives in.</summary>
        public async Task<InstanceMetadata> GetIdentityAsync(CancellationToken cancellation)
        {
            if (Disabled)
            {
                throw new HaNatException(MetadataDisabled, HaNatErrorKind.InvalidOperation,
                    "AWS_EC2_METADATA_DISABLED is true, so this instance's identity cannot be read.");
            }
            string token;
            try
            {
                token = await GetTokenAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                throw new HaNatException(NotOnInstance, HaNatErrorKind.ObjectNotFound,
                    $"The instance metadata service at {_endpoint} did not answer ({ex.Message}), so this is not an EC2 instance " +
                    "or IMDS is off.", ex);
            }

            var identity = await Task.WhenAll(
                GetAsync(token, "instance-id", cancellation),
                GetAsync(token, "placement/availability-zone", cancellation),
                GetAsync(token, "placement/region", cancellation),
                GetAsync(token, "mac", cancellation)).ConfigureAwait(false);
            var mac = identity[3];
            var network = await Task.WhenAll(
                GetAsync(token, $"network/interfaces/macs/{mac}/vpc-id", cancellation),
                GetAsync(token, $"network/interfaces/macs/{mac}/vpc-ipv4-cidr-blocks", cancellation),
                GetAsync(token, $"network/interfaces/macs/{mac}/interface-id", cancellation)).ConfigureAwait(false);

            var cidrs = network[1].Split(new[] { '\n', '\r', ' ' }, StringSplitOptions.RemoveEmptyEntries).ToArray();
            return new InstanceMetadata(identity[0], identity[1], identity[2], mac, network[0], cidrs, network[2]);
        }

        private async Task<string> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_timeout);
            using var response = await Http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HaNatException("InstanceMetadataError", HaNatErrorKind.ConnectionError,
                    $"IMDS {request.Method} {request.RequestUri!.AbsolutePath} answered {(int)response.StatusCode}. " +
                    "HaNat uses IMDSv2 only: check that the instance's metadata options allow tokens and a hop limit of at least 1.");
            }
            return body;
        }
    }
}
