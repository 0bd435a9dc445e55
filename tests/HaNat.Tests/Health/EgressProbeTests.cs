using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HaNat.Health;
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
            var listener = new HttpListener();
            var port = FreePort();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            try
            {
                var serve = Task.Run(async () => { var context = await listener.GetContextAsync(); context.Response.StatusCode = 503; context.Response.Close(); });
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

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
