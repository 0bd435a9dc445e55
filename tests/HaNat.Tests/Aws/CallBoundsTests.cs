using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using HaNat.Aws;
using HaNat.Routing;
using Xunit;

namespace HaNat.Tests.Aws
{
    /// <summary>
    /// The monitor's clients (<see cref="AwsCallBounds"/>): a call EC2 does not answer ends after the attempt's timeout,
    /// once, as an AWS failure the caller can retry. moto always answers, so a socket that accepts and never replies
    /// stands in for a hanging EC2 here, and only here.
    /// </summary>
    public sealed class CallBoundsTests
    {
        [Fact]
        public async Task A_call_with_no_answer_ends_after_its_timeout_as_a_request_timeout_not_a_cancellation()
        {
            using var silent = new SilentEndpoint();
            var session = Session(silent.Url);
            using var ec2 = session.CreateEc2Client(new AwsCallBounds(TimeSpan.FromSeconds(0.5), SdkRetries: 0));
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<AwsCallException>(() => new Ec2Reader(ec2, session).DescribeInstancesAsync(new[] { "i-1" }));

            Assert.Equal("RequestTimeout", error.AwsErrorCode);
            Assert.Equal(HaNatErrorKind.ConnectionError, error.Kind);
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.4, 5);
            // One attempt: the retries are the caller's. The SDK numbers its attempts (amz-sdk-request: attempt=N); a
            // second connection carrying attempt=1 again is the HTTP stack re-sending the same attempt on a new
            // connection (seen under load), not a retry. Only requests naming the action and signed with this test's
            // own key count: another test's request to a port it believed closed can land on this listener.
            Assert.True(silent.Requests("DescribeInstances", AccessKey, "attempt=1") >= 1);
            Assert.Equal(0, silent.Requests("DescribeInstances", AccessKey, "attempt=2"));
        }

        [Fact]
        public void The_cmdlets_clients_keep_their_timeout_and_retries()
        {
            var session = Session("http://127.0.0.1:9");
            var config = new AmazonEC2Config();
            session.Configure(config, "EC2");
            Assert.Equal(TimeSpan.FromSeconds(20), config.Timeout);
            Assert.Equal(5, config.MaxErrorRetry);

            var bounded = new AmazonEC2Config();
            session.Configure(bounded, "EC2", new AwsCallBounds(TimeSpan.FromSeconds(2), 0));
            Assert.Equal(TimeSpan.FromSeconds(2), bounded.Timeout);
            Assert.Equal(0, bounded.MaxErrorRetry);
        }

        [Fact]
        public void Bounds_that_make_no_sense_are_refused()
        {
            var session = Session("http://127.0.0.1:9");
            Assert.Throws<ArgumentOutOfRangeException>(() => session.Configure(new AmazonEC2Config(), "EC2", new AwsCallBounds(TimeSpan.Zero, 0)));
            Assert.Throws<ArgumentOutOfRangeException>(() => session.Configure(new AmazonEC2Config(), "EC2", new AwsCallBounds(TimeSpan.FromSeconds(1), -1)));
        }

        private const string AccessKey = "hanat-call-bounds-test";

        private static AwsSession Session(string url) =>
            new AwsSession(new ResolvedCredentials(new Amazon.Runtime.BasicAWSCredentials(AccessKey, "b"), "test"), "us-east-1", url, new AwsCallLog(),
                CancellationToken.None);

        /// <summary>Accepts connections and reads what comes, never answering.</summary>
        private sealed class SilentEndpoint : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly System.Collections.Concurrent.ConcurrentBag<System.Text.StringBuilder> _received =
                new System.Collections.Concurrent.ConcurrentBag<System.Text.StringBuilder>();

            public SilentEndpoint()
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
                _ = Task.Run(async () =>
                {
                    var held = new System.Collections.Generic.List<TcpClient>();
                    try
                    {
                        while (!_stop.IsCancellationRequested)
                        {
                            var client = await _listener.AcceptTcpClientAsync();
                            held.Add(client);
                            var text = new System.Text.StringBuilder();
                            _received.Add(text);
                            _ = Task.Run(() => Read(client, text));
                        }
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                    finally
                    {
                        foreach (var client in held) client.Dispose();
                    }
                });
            }

            public string Url { get; }

            /// <summary>How many connections sent a request that names the action, signed with the access key, as the attempt given.</summary>
            public int Requests(string action, string accessKey, string attempt) => _received.Count(t =>
            {
                lock (t)
                {
                    var text = t.ToString();
                    return text.Contains("Action=" + action) && text.Contains("Credential=" + accessKey + "/") && text.Contains(attempt + ";");
                }
            });

            private static async Task Read(TcpClient client, System.Text.StringBuilder text)
            {
                var buffer = new byte[8192];
                try
                {
                    var stream = client.GetStream();
                    int n;
                    while ((n = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0)
                    {
                        lock (text) text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
                    }
                }
                catch (Exception)
                {
                    // the client gave up (its timeout) or the listener stopped: what was read is kept
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
            }
        }
    }
}
