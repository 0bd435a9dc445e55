using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace HaNat.DataPlane
{
    /// <summary>
    /// A real request out of the NAT: a TCP connect to host:port, or an HTTP(S) GET whose any answer counts (a
    /// status code proves the packets went out and came back; judging the server is not the NAT's business).
    /// It tests the NAT's own way out (the uplink, the route, the internet gateway), not the forwarding of others'
    /// packets, which the other checks cover.
    /// </summary>
    internal sealed class EgressProbe
    {
        private static readonly HttpClient Http = new HttpClient(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        private EgressProbe(string target, Uri? url, string? host, int port)
        {
            Target = target;
            Url = url;
            Host = host;
            Port = port;
        }

        public string Target { get; }
        public Uri? Url { get; }
        public string? Host { get; }
        public int Port { get; }

        /// <summary>Parses "host:port" (IPv6 as [addr]:port) or an http/https URL; null with a reason when it is neither.</summary>
        public static EgressProbe? TryParse(string? target, out string? error)
        {
            error = null;
            var text = target?.Trim() ?? "";
            if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(url.Host)) return new EgressProbe(text, url, null, 0);
                error = $"'{target}' is not a valid http(s) URL";
                return null;
            }
            var colon = text.LastIndexOf(':');
            if (colon > 0 && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port < 65536)
            {
                var host = text.Substring(0, colon).Trim('[', ']');
                if (host.Length > 0 && !host.Contains("/")) return new EgressProbe(text, null, host, port);
            }
            error = $"'{target}' is neither host:port nor an http(s) URL";
            return null;
        }

        public async Task<ProbeOutcome> RunAsync(TimeSpan timeout, CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(timeout);
            try
            {
                string detail;
                if (Url != null)
                {
                    using var response = await Http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                    detail = $"HTTP {(int)response.StatusCode}";
                }
                else
                {
                    using var client = new TcpClient();
                    var connect = client.ConnectAsync(Host!, Port);
                    var finished = await Task.WhenAny(connect, Task.Delay(Timeout.Infinite, limit.Token)).ConfigureAwait(false);
                    if (finished != connect) throw new OperationCanceledException(limit.Token);
                    await connect.ConfigureAwait(false);
                    detail = "connected";
                }
                return new ProbeOutcome(Target, true, detail, clock.ElapsedMilliseconds);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return new ProbeOutcome(Target, false, $"no answer within {timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms", clock.ElapsedMilliseconds);
            }
            catch (Exception ex) when (ex is SocketException || ex is HttpRequestException || ex is System.IO.IOException)
            {
                return new ProbeOutcome(Target, false, "failed: " + Flatten(ex), clock.ElapsedMilliseconds);
            }
        }

        private static string Flatten(Exception ex) => ex.InnerException != null && ex is HttpRequestException ? ex.InnerException.Message : ex.Message;
    }
}
