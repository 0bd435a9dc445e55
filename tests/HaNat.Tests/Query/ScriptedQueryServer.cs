using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// A tiny in-process HTTP server that answers a script of replies in order, for what moto cannot be made to
    /// do: throttle, fail with a 503, page a list it never pages. It records each request's headers and body.
    /// </summary>
    public sealed class ScriptedQueryServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly ConcurrentQueue<(int Status, string Body)> _script = new ConcurrentQueue<(int, string)>();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly Task _serving;

        public ScriptedQueryServer()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _serving = Task.Run(Serve);
        }

        public string Endpoint { get; }

        public IReadOnlyList<RecordedRequest> Requests
        {
            get { lock (_requests) return _requests.ToArray(); }
        }

        public ScriptedQueryServer Then(int status, string body)
        {
            _script.Enqueue((status, body));
            return this;
        }

        public static string ErrorBody(string code, string message) =>
            "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender</Type>" +
            $"<Code>{code}</Code><Message>{message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>";

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }

                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string name in context.Request.Headers) headers[name] = context.Request.Headers[name] ?? string.Empty;
                lock (_requests) _requests.Add(new RecordedRequest(headers, body));

                var (status, reply) = _script.TryDequeue(out var next) ? next : (500, ErrorBody("ScriptExhausted", "no reply left in the script"));
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/xml";
                var bytes = Encoding.UTF8.GetBytes(reply);
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _serving.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }

        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    public sealed class RecordedRequest
    {
        public RecordedRequest(IReadOnlyDictionary<string, string> headers, string body)
        {
            Headers = headers;
            Body = body;
        }

        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }

        /// <summary>The form body's parameters, decoded.</summary>
        public IReadOnlyDictionary<string, string> Form
        {
            get
            {
                var form = new Dictionary<string, string>();
                foreach (var pair in Body.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    form[Uri.UnescapeDataString(pair.Substring(0, equals))] = Uri.UnescapeDataString(pair.Substring(equals + 1));
                }
                return form;
            }
        }
    }
}
