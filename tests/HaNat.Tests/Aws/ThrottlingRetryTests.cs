using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Aws;
using HaNat.Routing;
using Xunit;

namespace HaNat.Tests.Aws
{
    /// <summary>
    /// EC2 calls retry on throttling. moto never throttles, so a listener that answers RequestLimitExceeded twice
    /// stands in for EC2 here, and only here.
    /// </summary>
    public sealed class ThrottlingRetryTests
    {
        private const string Throttled =
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>";
        private const string Described =
            "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>";

        [Fact]
        public async Task ThrottledCallIsRetriedUntilItSucceeds()
        {
            var port = FreePort();
            using var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            var attempts = 0;
            var serving = Task.Run(async () =>
            {
                while (true)
                {
                    var context = await listener.GetContextAsync();
                    var attempt = Interlocked.Increment(ref attempts);
                    context.Response.StatusCode = attempt <= 2 ? 503 : 200;
                    var body = System.Text.Encoding.UTF8.GetBytes(attempt <= 2 ? Throttled : Described);
                    context.Response.OutputStream.Write(body, 0, body.Length);
                    context.Response.Close();
                    if (attempt > 2) return;
                }
            });

            var log = new AwsCallLog();
            var session = new AwsSession(new ResolvedCredentials(new Amazon.Runtime.BasicAWSCredentials("a", "b"), "test"),
                "us-east-1", $"http://127.0.0.1:{port}", log, CancellationToken.None);
            using var ec2 = session.CreateEc2Client();
            var reader = new Ec2Reader(ec2, session);

            var found = await reader.DescribeInstancesAsync(new[] { "i-1" });

            await serving;
            Assert.Empty(found);
            Assert.Equal(3, attempts);
            Assert.Equal(1, log.Count);
        }

        private static int FreePort()
        {
            var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            var port = ((IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            return port;
        }
    }
}
