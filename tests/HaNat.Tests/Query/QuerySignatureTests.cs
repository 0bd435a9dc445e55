using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using HaNat;
using HaNat.Aws;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using HaNat.Policies;
using HaNat.Tests.Infrastructure;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// A moto_server that checks SigV4 signatures. moto lets the first INITIAL_NO_AUTH_ACTION_COUNT actions through
    /// unchecked and counts only those (moto/core/authorization.py); every later action must carry a signature it
    /// recomputes with botocore from the signed headers and the body, for a key it knows from IAM, and must be
    /// allowed by that identity's policies. The five free actions set the server up: a user with an access key and
    /// an allow-all policy, and a role that user may assume, also allowed everything.
    /// </summary>
    public sealed class SignatureCheckingMoto : IDisposable
    {
        public const string Operator = "hanat-operator";
        public const string AssumableRole = "hanat-assumable";
        private const string AllowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

        public SignatureCheckingMoto()
        {
            Server = MotoServer.StartWith(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "5" });
            try
            {
                SetUpAsync().GetAwaiter().GetResult();
            }
            catch
            {
                Server.Dispose();
                throw;
            }
        }

        public MotoServer Server { get; }
        public string AccessKeyId { get; private set; } = string.Empty;
        public string SecretAccessKey { get; private set; } = string.Empty;
        public string RoleArn { get; private set; } = string.Empty;

        private async Task SetUpAsync()
        {
            var session = Server.Session();
            using (var raw = new QueryClient(QueryService.Iam, session))
            {
                // CreateUser and CreateAccessKey are not among HaNat's operations: the generic client sends them.
                await raw.InvokeAsync("CreateUser", new QueryParameters().Add("UserName", Operator), Operator, CancellationToken.None);
                var key = (await raw.InvokeAsync("CreateAccessKey", new QueryParameters().Add("UserName", Operator), Operator,
                    CancellationToken.None)).Result.Child("AccessKey");
                AccessKeyId = key.Text("AccessKeyId")!;
                SecretAccessKey = key.Text("SecretAccessKey")!;
                await raw.InvokeAsync("PutUserPolicy",
                    new QueryParameters().Add("UserName", Operator).Add("PolicyName", "all").Add("PolicyDocument", AllowAll),
                    Operator, CancellationToken.None);
            }

            using var iam = session.CreateIamClient();
            var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" +
                        $"\"arn:aws:iam::123456789012:user/{Operator}\"}},\"Action\":\"sts:AssumeRole\"}}]}}";
            RoleArn = (await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = AssumableRole, AssumeRolePolicyDocument = trust })).Role.Arn;
            await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = AssumableRole, PolicyName = "all", PolicyDocument = AllowAll });
        }

        public void Dispose() => Server.Dispose();
    }

    /// <summary>Signatures made by the SDK's signer, checked by moto: right keys pass, wrong ones fail with moto's codes.</summary>
    public sealed class QuerySignatureTests : IClassFixture<SignatureCheckingMoto>
    {
        // STS speaks the Query protocol too; here it only hands out temporary credentials to sign with.
        private static readonly QueryService Sts = new QueryService("STS", "sts", "2011-06-15", "STS",
            region => new QueryEndpoint(new Uri($"https://sts.{region.SystemName}.{region.PartitionDnsSuffix}/"), region.SystemName));

        private readonly SignatureCheckingMoto _moto;

        public QuerySignatureTests(SignatureCheckingMoto moto)
        {
            _moto = moto;
        }

        private AwsSession SessionWith(AWSCredentials credentials) => _moto.Server.Session(credentials: credentials);

        [Fact]
        public async Task TheRightSecretIsAcceptedByAutoScalingAndIam()
        {
            var session = SessionWith(new BasicAWSCredentials(_moto.AccessKeyId, _moto.SecretAccessKey));
            using var autoScaling = session.CreateAutoScalingClient();
            using var iam = session.CreateIamClient();

            var groups = await autoScaling.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest());
            var role = await iam.GetRoleAsync(new GetRoleRequest { RoleName = SignatureCheckingMoto.AssumableRole });

            Assert.Equal(HttpStatusCode.OK, groups.HttpStatusCode);
            Assert.Equal(_moto.RoleArn, role.Role.Arn);
        }

        [Fact]
        public async Task AWrongSecretIsRefusedWithSignatureDoesNotMatch()
        {
            var session = SessionWith(new BasicAWSCredentials(_moto.AccessKeyId, _moto.SecretAccessKey + "x"));
            using var autoScaling = session.CreateAutoScalingClient();
            using var iam = session.CreateIamClient();

            var fromAutoScaling = await Assert.ThrowsAsync<AwsCallException>(() =>
                autoScaling.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest()));
            var fromIam = await Assert.ThrowsAsync<AwsCallException>(() =>
                iam.GetRoleAsync(new GetRoleRequest { RoleName = SignatureCheckingMoto.AssumableRole }));

            Assert.Equal("SignatureDoesNotMatch", fromAutoScaling.AwsErrorCode);
            Assert.Equal(HaNatErrorKind.AuthenticationError, fromAutoScaling.Kind);
            Assert.Equal(HttpStatusCode.Forbidden, fromAutoScaling.StatusCode);
            Assert.Equal("SignatureDoesNotMatch", fromIam.AwsErrorCode);
        }

        [Fact]
        public async Task AnUnknownAccessKeyIsRefusedWithInvalidClientTokenId()
        {
            using var autoScaling = SessionWith(new BasicAWSCredentials("AKIAUNKNOWN000000000", _moto.SecretAccessKey)).CreateAutoScalingClient();

            var error = await Assert.ThrowsAsync<AwsCallException>(() =>
                autoScaling.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest()));

            Assert.Equal("InvalidClientTokenId", error.AwsErrorCode);
            Assert.Equal(HaNatErrorKind.AuthenticationError, error.Kind);
        }

        [Fact]
        public async Task TemporaryCredentialsSignWithTheirSessionToken()
        {
            // A NAT instance signs with its instance profile's temporary keys; moto checks the token against the
            // assumed role's and recomputes the signature over the signed X-Amz-Security-Token header.
            var operatorSession = SessionWith(new BasicAWSCredentials(_moto.AccessKeyId, _moto.SecretAccessKey));
            TemporaryCredentials temporary;
            using (var sts = new QueryClient(Sts, operatorSession))
            {
                var reply = await sts.InvokeAsync("AssumeRole",
                    new QueryParameters().Add("RoleArn", _moto.RoleArn).Add("RoleSessionName", "nat-1"), "nat-1", CancellationToken.None);
                temporary = new TemporaryCredentials(reply.Result.Child("Credentials"));
            }

            using var good = SessionWith(new SessionAWSCredentials(temporary.AccessKeyId, temporary.SecretAccessKey, temporary.SessionToken))
                .CreateAutoScalingClient();
            using var badToken = SessionWith(new SessionAWSCredentials(temporary.AccessKeyId, temporary.SecretAccessKey, temporary.SessionToken + "x"))
                .CreateAutoScalingClient();

            var groups = await good.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest());
            var error = await Assert.ThrowsAsync<AwsCallException>(() => badToken.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest()));

            Assert.StartsWith("ASIA", temporary.AccessKeyId);
            Assert.Equal(HttpStatusCode.OK, groups.HttpStatusCode);
            Assert.Equal("InvalidClientTokenId", error.AwsErrorCode);
        }

        private sealed class TemporaryCredentials
        {
            public TemporaryCredentials(System.Xml.Linq.XElement? credentials)
            {
                AccessKeyId = credentials.Text("AccessKeyId")!;
                SecretAccessKey = credentials.Text("SecretAccessKey")!;
                SessionToken = credentials.Text("SessionToken")!;
            }

            public string AccessKeyId { get; }
            public string SecretAccessKey { get; }
            public string SessionToken { get; }
        }
    }
}
