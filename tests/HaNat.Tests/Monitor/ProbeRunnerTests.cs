using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HaNat.DataPlane;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// The egress probe beside the loop, against loopback listeners: one that answers HTTP at once, and one that
    /// accepts the connection and never answers (a black hole beyond the NAT, as the monitor sees it).
    /// </summary>
    public class ProbeRunnerTests
    {
        private static EgressProbe Probe(int port) => EgressProbe.TryParse($"http://127.0.0.1:{port}/", out _)!;

        [Fact]
        public async Task AProbeUnansweredPastItsLateMarkFailsAtOnceAndAFreshOneStarts()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var runner = new ProbeRunner(Probe(port), TimeSpan.FromSeconds(5), lateSeconds: 0.5);
                Assert.Null(runner.Tick(0, CancellationToken.None)); // started; no verdict yet
                await Task.Delay(200);
                Assert.False(runner.IsLate(0.4));
                Assert.True(runner.IsLate(0.6));

                var verdict = runner.Tick(0.6, CancellationToken.None);
                Assert.NotNull(verdict);
                Assert.False(verdict!.Reached);
                Assert.Contains("no answer within 600 ms", verdict.Detail);
                // The late one was left to itself and a fresh probe started at 0.6: not late before 1.1.
                Assert.False(runner.IsLate(1.0));
                Assert.True(runner.IsLate(1.1));
                // Until the fresh one answers or is late, the verdict stays the failure.
                Assert.False(runner.Tick(0.9, CancellationToken.None)!.Reached);
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public async Task AProbeThatAnswersIsNeverLate()
        {
            using var server = new HttpListenerLoopback();
            var runner = new ProbeRunner(Probe(server.Port), TimeSpan.FromSeconds(5), lateSeconds: 0.5);
            // The first Tick starts a probe; a later one (before its late mark) returns its answer once it has one.
            var verdict = runner.Tick(0, CancellationToken.None);
            for (var i = 0; i < 50 && verdict == null; i++)
            {
                await Task.Delay(20);
                verdict = runner.Tick(0.3, CancellationToken.None);
            }
            Assert.NotNull(verdict);
            Assert.True(verdict!.Reached, verdict.Detail);
            Assert.False(runner.IsLate(0.4));
        }

        /// <summary>A one-route HTTP server on a free loopback port that answers 200 to anything.</summary>
        private sealed class HttpListenerLoopback : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();

            public HttpListenerLoopback()
            {
                _listener.Start();
                Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
                _ = Task.Run(async () =>
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        using var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        var reply = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                        await stream.WriteAsync(reply, 0, reply.Length).ConfigureAwait(false);
                    }
                });
            }

            public int Port { get; }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
            }
        }
    }
}
