using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.Iam;
using HaNat.Aws.Query;

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

        /// <summary>The endpoint for a service, by its AWS_ENDPOINT_URL_&lt;id&gt; identifier (EC2, SSM, IAM, AUTO_SCALING, CLOUDWATCH).</summary>
        public string? EndpointFor(string serviceEnvironmentId) => EndpointResolver.Resolve(ExplicitEndpointUrl, serviceEnvironmentId);

        /// <param name="bounds">Null: the cmdlets' timeout and retries; the monitor passes its own (see <see cref="AwsCallBounds"/>).</param>
        public IAmazonEC2 CreateEc2Client(AwsCallBounds? bounds = null)
        {
            var config = new AmazonEC2Config();
            Configure(config, "EC2", bounds);
            return new AmazonEC2Client(Credentials.Credentials, config);
        }

        /// <summary>
        /// Auto Scaling through HaNat's Query client (AWSSDK.AutoScaling is not on HaNat's registry), with this
        /// session's credentials, region, endpoint (AUTO_SCALING), cancellation and call log.
        /// </summary>
        public IAutoScalingClient CreateAutoScalingClient(AwsCallBounds? bounds = null) =>
            new AutoScalingClient(this, bounds == null ? null : new QueryRetryPolicy(bounds.Validate().SdkRetries + 1, attemptTimeout: bounds.AttemptTimeout));

        /// <summary>
        /// CloudWatch through HaNat's Query client (AWSSDK.CloudWatch is not on HaNat's registry); endpoint id
        /// CLOUDWATCH. The monitor passes its own bounds, so that a slow CloudWatch never holds it up.
        /// </summary>
        public ICloudWatchClient CreateCloudWatchClient(AwsCallBounds? bounds = null) =>
            new CloudWatchClient(this, bounds == null ? null : new QueryRetryPolicy(bounds.Validate().SdkRetries + 1, attemptTimeout: bounds.AttemptTimeout));

        /// <summary>IAM through HaNat's Query client, signed for the partition's IAM region; endpoint id IAM.</summary>
        public IIamClient CreateIamClient() => new IamClient(this);

        /// <summary>Systems Manager (Parameter Store, where the NATs' heartbeat key lives); endpoint id SSM.</summary>
        public IAmazonSimpleSystemsManagement CreateSsmClient(AwsCallBounds? bounds = null)
        {
            var config = new AmazonSimpleSystemsManagementConfig();
            Configure(config, "SSM", bounds);
            return new AmazonSimpleSystemsManagementClient(Credentials.Credentials, config);
        }

        /// <summary>Applies region, endpoint and retry settings shared by every SDK client HaNat makes; <paramref name="bounds"/> replaces the timeout and retries.</summary>
        public void Configure(ClientConfig config, string serviceEnvironmentId, AwsCallBounds? bounds = null)
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
            if (bounds != null)
            {
                bounds.Validate();
                config.MaxErrorRetry = bounds.SdkRetries;
                config.Timeout = bounds.AttemptTimeout;
            }
        }
    }
}
