using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using Amazon.Runtime;
using HaNat.Aws;
using Xunit;

namespace HaNat.Tests.Infrastructure
{
    /// <summary>
    /// The moto_server the tests talk to. Under ./test.sh it is the run's shared server, whose URL test.sh puts in
    /// HANAT_TEST_ENDPOINT (test.sh starts it, resets it between the runners and stops it); run alone (`dotnet
    /// test`), it is a server of this run's own, started and stopped through scripts/moto.sh, the one launcher
    /// of the test runners and the benchmarks. As an xunit collection fixture one server serves every test class of
    /// <see cref="MotoCollection"/>; those run one after the other, each starting from a server emptied by
    /// <see cref="ResetForClass"/>, so a shared server left with another runner's resources changes nothing.
    /// </summary>
    public sealed class MotoServer : IDisposable
    {
        public const string AccessKey = "testing";
        public const string SecretKey = "testing";

        private static readonly HttpClient Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        private readonly string? _pid;
        private readonly string? _recording;
        private readonly string? _log;
        private readonly object _resetLock = new object();
        private Type? _lastResetFor;

        /// <summary>The shared server of HANAT_TEST_ENDPOINT when set; otherwise one started for this run.</summary>
        public MotoServer()
        {
            var shared = Environment.GetEnvironmentVariable("HANAT_TEST_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(shared))
            {
                Endpoint = shared.TrimEnd('/');
                return;
            }
            (Endpoint, _pid, _recording, _log) = Launch(new Dictionary<string, string>());
        }

        private MotoServer(IDictionary<string, string> environment)
        {
            (Endpoint, _pid, _recording, _log) = Launch(environment);
        }

        /// <summary>
        /// A server of its own, started with extra environment variables (for example INITIAL_NO_AUTH_ACTION_COUNT),
        /// never the shared one: such a variable changes how the whole server behaves.
        /// </summary>
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
        /// The first class resets too, so a shared server starts each class empty whatever ran before.
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

        /// <summary>Stops the server if this run started it; the shared one is test.sh's to stop.</summary>
        public void Dispose()
        {
            if (_pid == null) return;
            RunScript(new[] { "stop", _pid }, new Dictionary<string, string?>(), out _, out _);
            foreach (var file in new[] { _recording, _log })
            {
                try { if (file != null) File.Delete(file); } catch (IOException) { }
            }
        }

        /// <summary>Starts a server with scripts/moto.sh: returns its URL, its process id, its recording and log files.</summary>
        private static (string Endpoint, string Pid, string Recording, string Log) Launch(IDictionary<string, string> environment)
        {
            var name = $"hanat-xunit-moto-{Guid.NewGuid():n}";
            var recording = Path.Combine(Path.GetTempPath(), name + ".recording");
            var log = Path.Combine(Path.GetTempPath(), name + ".log");
            var variables = new Dictionary<string, string?>
            {
                // Never the shared server's log or address: this one is the test's own.
                ["HANAT_MOTO_LOG"] = log,
                ["HANAT_MOTO_HOST"] = null,
                ["HANAT_MOTO_PORT"] = null,
                // The request recorder writes here, never into the working tree.
                ["MOTO_RECORDER_FILEPATH"] = recording,
                ["INITIAL_NO_AUTH_ACTION_COUNT"] = null,
            };
            foreach (var pair in environment) variables[pair.Key] = pair.Value;
            if (RunScript(new[] { "start" }, variables, out var stdout, out var stderr) != 0)
            {
                throw new InvalidOperationException($"scripts/moto.sh could not start moto_server:\n{stderr}");
            }
            var url = Regex.Match(stdout, @"HANAT_MOTO_URL=(\S+)");
            var pid = Regex.Match(stdout, @"HANAT_MOTO_PID=(\d+)");
            if (!url.Success || !pid.Success)
            {
                throw new InvalidOperationException($"scripts/moto.sh start printed no URL and process id:\n{stdout}\n{stderr}");
            }
            return (url.Groups[1].Value, pid.Groups[1].Value, recording, log);
        }

        private static int RunScript(string[] arguments, IDictionary<string, string?> environment, out string stdout, out string stderr)
        {
            var start = new ProcessStartInfo("bash")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            start.ArgumentList.Add(Script());
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var pair in environment)
            {
                if (pair.Value == null) start.Environment.Remove(pair.Key);
                else start.Environment[pair.Key] = pair.Value;
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"scripts/moto.sh {string.Join(" ", arguments)} did not finish within 60 s.");
            }
            stderr = error.GetAwaiter().GetResult();
            return process.ExitCode;
        }

        /// <summary>scripts/moto.sh of the repository this test assembly was built in.</summary>
        private static string Script()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scripts", "moto.sh");
                if (File.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException($"scripts/moto.sh not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The tests that share one moto_server. xunit runs a collection's tests one at a time.</summary>
    [CollectionDefinition(Name)]
    public sealed class MotoCollection : ICollectionFixture<MotoServer>
    {
        public const string Name = "moto";
    }
}
