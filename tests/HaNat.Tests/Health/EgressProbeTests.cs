using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HaNat.DataPlane;
using Xunit;

namespace HaNat.Tests.Health
{
    public class EgressProbeTests
    {
        [Theory]
        [InlineData("198.51.100.1:8080", "198.51.100.1", 8080)]
        [InlineData("example.com:443", "example.com", 443)]
        [InlineData("[2001:db8::1]:80", "2001:db8::1", 80)]
        public void ParsesHostAndPort(string target, string host, int port)
        {
            var probe = EgressProbe.TryParse(target, out var error);
            Assert.Null(error);
            Assert.Equal((host, port), (probe!.Host, probe.Port));
            Assert.Null(probe.Url);
        }

        [Fact]
        public void ParsesUrls()
        {
            var probe = EgressProbe.TryParse("https://checkip.example/", out _);
            Assert.Equal("https://checkip.example/", probe!.Url!.ToString());
        }

        [Theory]
        [InlineData("no-port")]
        [InlineData("host:0")]
        [InlineData("host:99999")]
        [InlineData("ftp://x/")]
        [InlineData("")]
        public void RefusesAnythingElse(string target)
        {
            Assert.Null(EgressProbe.TryParse(target, out var error));
            Assert.NotNull(error);
        }

        [Fact]
        public async Task ReachesAListenerAndReportsAClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                var reached = await EgressProbe.TryParse($"127.0.0.1:{port}", out _)!.RunAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                Assert.True(reached.Reached, reached.Detail);
                Assert.Equal("connected", reached.Detail);
            }
            finally
            {
                listener.Stop();
            }
            var refused = await EgressProbe.TryParse($"127.0.0.1:{port}", out _)!.RunAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            Assert.False(refused.Reached);
            Assert.StartsWith("failed:", refused.Detail);
        }

        [Fact]
        public async Task AnyHttpAnswerCountsAsReached()
        {
            // A listener on a port the kernel picks and this test holds: no window for another test to take it.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                var serve = Task.Run(async () =>
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    using var stream = client.GetStream();
                    // Read the request up to its blank line, then answer.
                    var request = new System.Text.StringBuilder();
                    var buffer = new byte[1024];
                    while (!request.ToString().Contains("\r\n\r\n"))
                    {
                        var read = await stream.ReadAsync(buffer.AsMemory());
                        if (read == 0) break;
                        request.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    var reply = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(reply, 0, reply.Length);
                });
                var outcome = await EgressProbe.TryParse($"http://127.0.0.1:{port}/", out _)!.RunAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
                Assert.True(outcome.Reached, outcome.Detail);
                Assert.Equal("HTTP 503", outcome.Detail);
                await serve.WaitAsync(TimeSpan.FromSeconds(5));
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
