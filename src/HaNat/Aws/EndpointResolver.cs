namespace HaNat.Aws
{
    /// <summary>
    /// Picks the endpoint for one service: -EndpointUrl first (an emulator serves every service on one URL), then
    /// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL; none means the SDK's regional default.
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the environment variables off, as in the SDKs.
    /// </summary>
    internal static class EndpointResolver
    {
        public static string? Resolve(string? explicitUrl, string serviceEnvironmentId, Func<string, string?>? environment = null)
        {
            environment ??= Environment.GetEnvironmentVariable;
            if (!string.IsNullOrWhiteSpace(explicitUrl)) return Validate(explicitUrl!, "-EndpointUrl");

            if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var serviceVariable = "AWS_ENDPOINT_URL_" + serviceEnvironmentId;
            var specific = environment(serviceVariable);
            if (!string.IsNullOrWhiteSpace(specific)) return Validate(specific!, serviceVariable);

            var global = environment("AWS_ENDPOINT_URL");
            if (!string.IsNullOrWhiteSpace(global)) return Validate(global!, "AWS_ENDPOINT_URL");
            return null;
        }

        private static string Validate(string url, string source)
        {
            if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"))
            {
                return uri.ToString().TrimEnd('/');
            }
            throw new HaNatException("InvalidEndpointUrl", HaNatErrorKind.InvalidArgument,
                $"{source} '{url}' is not an http(s) URL. Give a full URL such as http://127.0.0.1:5000.");
        }
    }
}
