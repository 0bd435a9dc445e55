using System;
using System.Net;
using System.Threading;
using Amazon.Runtime;
using HaNat.Aws;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>Which failures are retried, how long the waits are, and where each service's calls go.</summary>
    public sealed class QueryPolicyAndEndpointTests
    {
        [Theory]
        [InlineData(400, "Throttling", true)]
        [InlineData(400, "ThrottlingException", true)]
        [InlineData(503, "RequestLimitExceeded", true)]
        [InlineData(429, "", true)]
        [InlineData(503, "ServiceUnavailable", true)]
        [InlineData(500, "InternalFailure", true)]
        [InlineData(400, "ValidationError", false)]
        [InlineData(400, "LimitExceeded", false)]
        [InlineData(409, "EntityAlreadyExists", false)]
        [InlineData(403, "SignatureDoesNotMatch", false)]
        [InlineData(404, "NoSuchEntity", false)]
        public void RetriesThrottlingAndTransientFailuresOnly(int status, string code, bool retried)
        {
            Assert.Equal(retried, QueryRetryPolicy.IsRetryable((HttpStatusCode)status, code));
        }

        [Fact]
        public void BackoffDoublesUpToTheCeilingAndJitterScalesIt()
        {
            var policy = new QueryRetryPolicy(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350));

            Assert.Equal(100, policy.DelayBefore(2, 0.999999).TotalMilliseconds, 0);
            Assert.Equal(200, policy.DelayBefore(3, 0.999999).TotalMilliseconds, 0);
            Assert.Equal(350, policy.DelayBefore(4, 0.999999).TotalMilliseconds, 0);
            Assert.Equal(350, policy.DelayBefore(40, 0.999999).TotalMilliseconds, 0);
            Assert.Equal(TimeSpan.Zero, policy.DelayBefore(3, 0));
            Assert.Equal(50, policy.DelayBefore(3, 0.25).TotalMilliseconds, 0);
        }

        [Fact]
        public void AtLeastOneAttemptIsRequired()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new QueryRetryPolicy(0));
        }

        [Theory]
        [InlineData("eu-west-1", "https://autoscaling.eu-west-1.amazonaws.com/", "eu-west-1")]
        [InlineData("cn-north-1", "https://autoscaling.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
        [InlineData("us-gov-west-1", "https://autoscaling.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
        public void AutoScalingIsRegional(string region, string url, string signingRegion)
        {
            var endpoint = QueryService.AutoScaling.DefaultEndpoint(region);

            Assert.Equal(url, endpoint.Url.ToString());
            Assert.Equal(signingRegion, endpoint.SigningRegion);
        }

        [Theory]
        [InlineData("eu-west-1", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("ap-southeast-2", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
        [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
        public void IamIsGlobalPerPartition(string region, string url, string signingRegion)
        {
            var endpoint = QueryService.Iam.DefaultEndpoint(region);

            Assert.Equal(url, endpoint.Url.ToString());
            Assert.Equal(signingRegion, endpoint.SigningRegion);
        }

        [Fact]
        public void AnExplicitEndpointWinsAndKeepsTheServicesSigningRegion()
        {
            var session = new AwsSession(new ResolvedCredentials(new BasicAWSCredentials("a", "b"), "test"), "eu-west-1",
                "http://127.0.0.1:5000", new AwsCallLog(), CancellationToken.None);

            var autoScaling = QueryService.AutoScaling.EndpointFor(session);
            var iam = QueryService.Iam.EndpointFor(session);

            Assert.Equal(("http://127.0.0.1:5000/", "eu-west-1"), (autoScaling.Url.ToString(), autoScaling.SigningRegion));
            Assert.Equal(("http://127.0.0.1:5000/", "us-east-1"), (iam.Url.ToString(), iam.SigningRegion));
        }
    }
}
