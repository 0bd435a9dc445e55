using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Amazon.Runtime;
using HaNat.Aws;
using Xunit;

namespace HaNat.Tests.Infrastructure
{
    /// <summary>
    /// A moto_server of the test run's own, on a free loopback port: started as a child process with its own
    /// environment, ready once GET /moto-api/ answers, killed (with any children) on Dispose. As an xunit
    /// collection fixture one server serves every test class of <see cref="MotoCollection"/>; those run one
    /// after the other, each starting from a server emptied by <see cref="ResetForClass"/>.
    /// </summary>
    public sealed class MotoServer : IDisposable
    {
        public const string AccessKey = "testing";
        public const string SecretKey = "testing";

        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly string _recording;
        private readonly object _resetLock = new object();
        private Type? _lastResetFor;

        public MotoServer()
            : this(new Dictionary<string, string>())
        {
        }

        private MotoServer(IDictionary<string, string> environment)
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _recording = Path.Combine(Path.GetTempPath(), $"hanat-moto-{port}.recording");

            var start = new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            // moto must not pick up endpoint overrides or credentials meant for the code under test.
            foreach (var name in new[] { "AWS_ENDPOINT_URL", "AWS_PROFILE", "INITIAL_NO_AUTH_ACTION_COUNT" }) start.Environment.Remove(name);
            // The request recorder writes here, never into the working tree.
            start.Environment["MOTO_RECORDER_FILEPATH"] = _recording;
            foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;

            try
            {
                _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("moto_server is not on PATH: install it with pip install 'moto[server]'.", ex);
            }
            // Drain both pipes: a full pipe would stall the server mid-request.
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            WaitUntilReady();
        }

        /// <summary>A server started with extra environment variables (for example INITIAL_NO_AUTH_ACTION_COUNT).</summary>
        public static MotoServer StartWith(IDictionary<string, string> environment) => new MotoServer(environment);

        public string Endpoint { get; }

        /// <summary>Forgets every resource, as if the server had just started.</summary>
        public void Reset()
        {
            using var response = Http.PostAsync(Endpoint + "/moto-api/reset", new StringContent(string.Empty)).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }

        /// <summary>
        /// Resets when a new test class starts using the server, not before every test: once EC2 has been used, a
        /// reset takes moto up to a second. A class's tests keep out of each other's way by using their own names.
        /// </summary>
        public void ResetForClass(Type testClass)
        {
            lock (_resetLock)
            {
                if (_lastResetFor == testClass) return;
                Reset();
                _lastResetFor = testClass;
            }
        }

        /// <summary>A HaNat session pointed at this server, with moto's usual dummy keys unless others are given.</summary>
        internal AwsSession Session(string region = "eu-west-1", AWSCredentials? credentials = null, AwsCallLog? log = null,
            CancellationToken cancellation = default) =>
            new AwsSession(new ResolvedCredentials(credentials ?? new BasicAWSCredentials(AccessKey, SecretKey), "test"),
                region, Endpoint, log ?? new AwsCallLog(), cancellation);

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
            _process.Dispose();
            try { File.Delete(_recording); } catch (IOException) { }
        }

        private void WaitUntilReady()
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"moto_server exited at start (code {_process.ExitCode}):\n{Output()}");
                }
                try
                {
                    using var response = Http.GetAsync(Endpoint + "/moto-api/").GetAwaiter().GetResult();
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                Thread.Sleep(50);
            }
            Dispose();
            throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 30 s:\n{Output()}");
        }

        private void Keep(string? line)
        {
            if (line == null) return;
            lock (_output)
            {
                // The last lines are the ones that explain a failure; keep the buffer small.
                if (_output.Length > 20_000) _output.Remove(0, 10_000);
                _output.AppendLine(line);
            }
        }

        private string Output()
        {
            lock (_output) return _output.ToString();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    /// <summary>The tests that share one moto_server. xunit runs a collection's tests one at a time.</summary>
    [CollectionDefinition(Name)]
    public sealed class MotoCollection : ICollectionFixture<MotoServer>
    {
        public const string Name = "moto";
    }
}
