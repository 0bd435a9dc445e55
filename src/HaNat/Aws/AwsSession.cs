using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.Iam;

namespace HaNat.Aws
{
    /// <summary>
    /// Everything a call to AWS needs, resolved once per cmdlet invocation: credentials, region, endpoints,
    /// the cancellation token that StopProcessing trips, and the call log behind -Verbose.
    /// </summary>
    internal sealed class AwsSession
    {
        /// <summary>
        /// Refuses a region that is not one (InvalidRegion), or that the SDK does not know while no endpoint is
        /// configured (UnknownRegion), and an endpoint that is not an http(s) URL (InvalidEndpointUrl): every session,
        /// the peer region's too, so no call ever goes to an endpoint the SDK made up.
        /// </summary>
        public AwsSession(ResolvedCredentials credentials, string region, string? endpointUrl, AwsCallLog log, CancellationToken cancellation)
        {
            AwsRegions.Validate(region, endpointConfigured: EndpointResolver.Resolve(endpointUrl, "EC2") != null);
            Credentials = credentials;
            Region = region;
            ExplicitEndpointUrl = endpointUrl;
            Log = log;
            Cancellation = cancellation;
        }

        public ResolvedCredentials Credentials { get; }
        public string Region { get; }
        public string? ExplicitEndpointUrl { get; }
        public AwsCallLog Log { get; }
        public CancellationToken Cancellation { get; }

        /// <summary>The endpoint for a service, by its AWS_ENDPOINT_URL_&lt;id&gt; identifier (EC2, SSM, IAM, AUTO_SCALING).</summary>
        public string? EndpointFor(string serviceEnvironmentId) => EndpointResolver.Resolve(ExplicitEndpointUrl, serviceEnvironmentId);

        public IAmazonEC2 CreateEc2Client()
        {
            var config = new AmazonEC2Config();
            Configure(config, "EC2");
            return new AmazonEC2Client(Credentials.Credentials, config);
        }

        /// <summary>
        /// Auto Scaling through HaNat's Query client (AWSSDK.AutoScaling is not on HaNat's registry), with this
        /// session's credentials, region, endpoint (AUTO_SCALING), cancellation and call log.
        /// </summary>
        public IAutoScalingClient CreateAutoScalingClient() => new AutoScalingClient(this);

        /// <summary>IAM through HaNat's Query client, signed for the partition's IAM region; endpoint id IAM.</summary>
        public IIamClient CreateIamClient() => new IamClient(this);

        /// <summary>Systems Manager (Parameter Store, where the NATs' heartbeat key lives); endpoint id SSM.</summary>
        public IAmazonSimpleSystemsManagement CreateSsmClient()
        {
            var config = new AmazonSimpleSystemsManagementConfig();
            Configure(config, "SSM");
            return new AmazonSimpleSystemsManagementClient(Credentials.Credentials, config);
        }

        /// <summary>Applies region, endpoint and retry settings shared by every SDK client HaNat makes.</summary>
        public void Configure(ClientConfig config, string serviceEnvironmentId)
        {
            var endpoint = EndpointFor(serviceEnvironmentId);
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = Region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
            }
            // Standard mode retries throttling and transient errors with backoff; a takeover must not give up on
            // the first RequestLimitExceeded.
            config.RetryMode = RequestRetryMode.Standard;
            config.MaxErrorRetry = 5;
            config.Timeout = TimeSpan.FromSeconds(20);
        }
    }
}
