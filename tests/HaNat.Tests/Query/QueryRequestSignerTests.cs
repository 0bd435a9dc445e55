using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// What the SDK's signer puts on a Query POST. Whether the signature is right is proved against moto, which
    /// recomputes it (QuerySignatureTests); here the headers' shape and scope are checked.
    /// </summary>
    public sealed class QueryRequestSignerTests
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("Action=DescribeAutoScalingGroups&Version=2011-01-01");

        [Fact]
        public void SignsForTheServiceAndRegionWithTheBodyHash()
        {
            var signer = new QueryRequestSigner("autoscaling", "eu-west-1");

            var headers = signer.Sign(new Uri("http://127.0.0.1:5123/"), Body, new ImmutableCredentials("AKIDEXAMPLE", "secret", null), new TestRequest());

            var authorization = headers["Authorization"];
            var match = Regex.Match(authorization,
                @"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\d{8})/eu-west-1/autoscaling/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$");
            Assert.True(match.Success, authorization);
            Assert.Equal("content-type;host;x-amz-content-sha256;x-amz-date", match.Groups[2].Value);
            Assert.StartsWith(match.Groups[1].Value + "T", headers["X-Amz-Date"]);
            Assert.Equal("127.0.0.1:5123", headers["Host"]);
            Assert.Equal(QueryRequestSigner.FormContentType, headers["Content-Type"]);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(Body)).ToLowerInvariant(), headers["X-Amz-Content-SHA256"]);
            Assert.False(headers.ContainsKey("X-Amz-Security-Token"));
        }

        [Fact]
        public void ASessionTokenIsSentAndSigned()
        {
            var signer = new QueryRequestSigner("iam", "us-east-1");

            var headers = signer.Sign(new Uri("https://iam.amazonaws.com/"), Body, new ImmutableCredentials("ASIAEXAMPLE", "secret", "token-1"), new TestRequest());

            Assert.Equal("token-1", headers["X-Amz-Security-Token"]);
            Assert.Contains("/us-east-1/iam/aws4_request", headers["Authorization"]);
            Assert.Contains("x-amz-security-token", headers["Authorization"]);
            Assert.Equal("iam.amazonaws.com", headers["Host"]);
        }

        private sealed class TestRequest : AmazonWebServiceRequest
        {
        }
    }
}
