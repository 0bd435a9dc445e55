using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>Retries, error mapping and paging against a scripted server: the replies moto never gives.</summary>
    public sealed class QueryRetryTests : IDisposable
    {
        private const string SetHealthOk =
            "<SetInstanceHealthResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><ResponseMetadata>" +
            "<RequestId>req-ok</RequestId></ResponseMetadata></SetInstanceHealthResponse>";

        // Short waits keep the tests quick; the backoff arithmetic itself is tested on QueryRetryPolicy.
        private static readonly QueryRetryPolicy FastRetry = new QueryRetryPolicy(5, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50));

        private readonly ScriptedQueryServer _server = new ScriptedQueryServer();
        private readonly AwsCallLog _log = new AwsCallLog();

        private AwsSession Session(CancellationToken cancellation = default) =>
            new AwsSession(new ResolvedCredentials(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), "test"), "eu-west-1",
                _server.Endpoint, _log, cancellation);

        private static SetInstanceHealthRequest MarkUnhealthy() =>
            new SetInstanceHealthRequest { InstanceId = "i-0abc", HealthStatus = "Unhealthy", ShouldRespectGracePeriod = false };

        [Fact]
        public async Task ThrottlingTwiceThenSuccessTakesThreeAttemptsAndLogsOneCall()
        {
            _server.Then(400, ScriptedQueryServer.ErrorBody("Throttling", "Rate exceeded"))
                   .Then(400, ScriptedQueryServer.ErrorBody("Throttling", "Rate exceeded"))
                   .Then(200, SetHealthOk);
            using var client = new AutoScalingClient(Session(), FastRetry);

            var response = await client.SetInstanceHealthAsync(MarkUnhealthy());

            Assert.Equal(3, _server.Requests.Count);
            Assert.Equal("req-ok", response.ResponseMetadata.RequestId);
            Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
            Assert.Equal(1, _log.Count);
            var lines = _log.Drain().ToList();
            Assert.Equal(2, lines.Count(l => l.Contains("failed (Throttling); retrying", StringComparison.Ordinal)));
            Assert.Matches(@"^AutoScaling SetInstanceHealth i-0abc Unhealthy \(\d+ ms\)$", lines.Last());
            // Each attempt is signed afresh and sends the same form.
            Assert.All(_server.Requests, r => Assert.Equal("SetInstanceHealth", r.Form["Action"]));
            Assert.All(_server.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", r.Headers["Authorization"]));
        }

        [Fact]
        public async Task ServiceUnavailableWithAnHtmlBodyIsRetried()
        {
            _server.Then(503, "<html><body>Service Unavailable</body></html>").Then(200, SetHealthOk);
            using var client = new AutoScalingClient(Session(), FastRetry);

            await client.SetInstanceHealthAsync(MarkUnhealthy());

            Assert.Equal(2, _server.Requests.Count);
        }

        [Fact]
        public async Task AValidationErrorIsNotRetriedAndKeepsItsCode()
        {
            _server.Then(400, ScriptedQueryServer.ErrorBody("ValidationError", "bad size"));
            using var client = new AutoScalingClient(Session(), FastRetry);

            var error = await Assert.ThrowsAsync<AwsCallException>(() => client.SetInstanceHealthAsync(MarkUnhealthy()));

            Assert.Single(_server.Requests);
            Assert.Equal("ValidationError", error.AwsErrorCode);
            Assert.Equal("AutoScaling", error.Service);
            Assert.Equal("SetInstanceHealth", error.Operation);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Contains("bad size", error.Message);
            var inner = Assert.IsType<AmazonServiceException>(error.InnerException);
            Assert.Equal("req-err", inner.RequestId);
            Assert.Equal(ErrorType.Sender, inner.ErrorType);
            Assert.Matches(@"^AutoScaling SetInstanceHealth i-0abc Unhealthy failed: ValidationError \(\d+ ms\)$", _log.Drain().Single());
        }

        [Fact]
        public async Task ThrottlingThatNeverEndsGivesUpAfterMaxAttempts()
        {
            for (var i = 0; i < 5; i++) _server.Then(400, ScriptedQueryServer.ErrorBody("RequestLimitExceeded", "slow down"));
            using var client = new AutoScalingClient(Session(), new QueryRetryPolicy(3, TimeSpan.FromMilliseconds(1)));

            var error = await Assert.ThrowsAsync<AwsCallException>(() => client.SetInstanceHealthAsync(MarkUnhealthy()));

            Assert.Equal(3, _server.Requests.Count);
            Assert.Equal("RequestLimitExceeded", error.AwsErrorCode);
        }

        [Fact]
        public async Task ARefusedConnectionIsRetriedThenReportedAsConnectionError()
        {
            var closedPort = ScriptedQueryServer.FreePort();
            var session = new AwsSession(new ResolvedCredentials(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), "test"),
                "eu-west-1", $"http://127.0.0.1:{closedPort}", _log, CancellationToken.None);
            using var client = new AutoScalingClient(session, new QueryRetryPolicy(2, TimeSpan.FromMilliseconds(1)));

            var error = await Assert.ThrowsAsync<AwsCallException>(() => client.SetInstanceHealthAsync(MarkUnhealthy()));

            Assert.Equal("ConnectionError", error.AwsErrorCode);
            Assert.Equal(HaNatErrorKind.ConnectionError, error.Kind);
            Assert.Contains("2 attempts", error.Message);
            Assert.Single(_log.Drain(), l => l.Contains("retrying", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ACancelledSessionStopsBeforeSendingAnything()
        {
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            using var client = new AutoScalingClient(Session(stop.Token), FastRetry);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SetInstanceHealthAsync(MarkUnhealthy()));

            Assert.Empty(_server.Requests);
        }

        [Fact]
        public async Task CancellingDuringTheBackoffEndsTheCall()
        {
            for (var i = 0; i < 5; i++) _server.Then(400, ScriptedQueryServer.ErrorBody("Throttling", "Rate exceeded"));
            using var stop = new CancellationTokenSource();
            // The wait is full jitter, a random part of the ceiling: a ceiling of a day makes a wait under the 300 ms below
            // (one in 288,000) as good as impossible, where 30 s made it one run in a hundred.
            using var client = new AutoScalingClient(Session(), new QueryRetryPolicy(5, TimeSpan.FromDays(1), TimeSpan.FromDays(1)));
            stop.CancelAfter(TimeSpan.FromMilliseconds(300));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SetInstanceHealthAsync(MarkUnhealthy(), stop.Token));

            // The first attempt was made; the wait before the second was cut short.
            Assert.Single(_server.Requests);
        }

        [Fact]
        public async Task ListAllRolePoliciesFollowsTheMarkerUntilNotTruncated()
        {
            _server.Then(200, ListRolePoliciesPage(new[] { "a", "b" }, "m-2"))
                   .Then(200, ListRolePoliciesPage(new[] { "c" }, null));
            using var client = new IamClient(Session(), FastRetry);

            var names = await client.ListAllRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = "nat", MaxItems = 2 });

            Assert.Equal(new[] { "a", "b", "c" }, names);
            Assert.False(_server.Requests[0].Form.ContainsKey("Marker"));
            Assert.Equal("m-2", _server.Requests[1].Form["Marker"]);
            Assert.Equal("2", _server.Requests[1].Form["MaxItems"]);
            // IAM is signed for us-east-1 whatever the session's region.
            Assert.Contains("/us-east-1/iam/aws4_request", _server.Requests[0].Headers["Authorization"]);
        }

        [Fact]
        public async Task DescribeAllAutoScalingInstancesFollowsNextToken()
        {
            _server.Then(200, InstancesPage("i-1", "t-2")).Then(200, InstancesPage("i-2", null));
            using var client = new AutoScalingClient(Session(), FastRetry);

            var instances = await client.DescribeAllAutoScalingInstancesAsync(new DescribeAutoScalingInstancesRequest());

            Assert.Equal(new[] { "i-1", "i-2" }, instances.Select(i => i.InstanceId));
            Assert.Equal("t-2", _server.Requests[1].Form["NextToken"]);
        }

        [Fact]
        public async Task PagingStopsWhenTheServiceHandsBackTheTokenItWasGiven()
        {
            // A service that answers a token with the same token would otherwise be asked for the same page for ever.
            _server.Then(200, InstancesPage("i-1", "t-1")).Then(200, InstancesPage("i-2", "t-1")).Then(200, InstancesPage("i-3", null));
            using var client = new AutoScalingClient(Session(), FastRetry);

            var instances = await client.DescribeAllAutoScalingInstancesAsync(new DescribeAutoScalingInstancesRequest());

            Assert.Equal(new[] { "i-1", "i-2" }, instances.Select(i => i.InstanceId));
            Assert.Equal(2, _server.Requests.Count);
        }

        [Fact]
        public async Task IamPagingStopsOnARepeatedMarkerAndOnATruncatedPageWithoutOne()
        {
            _server.Then(200, ListRolePoliciesPage(new[] { "a" }, "m-1")).Then(200, ListRolePoliciesPage(new[] { "b" }, "m-1"))
                   .Then(200, ListRolePoliciesPage(new[] { "c" }, null));
            using var client = new IamClient(Session(), FastRetry);

            Assert.Equal(new[] { "a", "b" }, await client.ListAllRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = "nat" }));
            Assert.Equal(2, _server.Requests.Count);
        }

        private static string ListRolePoliciesPage(string[] names, string? marker) =>
            "<ListRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListRolePoliciesResult><PolicyNames>" +
            string.Concat(names.Select(n => $"<member>{n}</member>")) + "</PolicyNames>" +
            $"<IsTruncated>{(marker != null ? "true" : "false")}</IsTruncated>" + (marker != null ? $"<Marker>{marker}</Marker>" : "") +
            "</ListRolePoliciesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolePoliciesResponse>";

        private static string InstancesPage(string instanceId, string? nextToken) =>
            "<DescribeAutoScalingInstancesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><DescribeAutoScalingInstancesResult>" +
            $"<AutoScalingInstances><member><InstanceId>{instanceId}</InstanceId><AutoScalingGroupName>g</AutoScalingGroupName>" +
            "<HealthStatus>HEALTHY</HealthStatus></member></AutoScalingInstances>" + (nextToken != null ? $"<NextToken>{nextToken}</NextToken>" : "") +
            "</DescribeAutoScalingInstancesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeAutoScalingInstancesResponse>";

        public void Dispose() => _server.Dispose();
    }
}
