using System.Diagnostics;
using System.Text;

namespace HaNat.HostNat
{
    /// <summary>
    /// Runs a program with arguments, no shell, and returns its exit code and output. Output is read while the
    /// program runs, so a chatty one cannot fill the pipe and hang; a program that outlives the timeout is killed,
    /// so a stuck iptables lock cannot hold the boot forever.
    /// </summary>
    internal sealed class CommandRunner
    {
        private readonly TimeSpan _timeout;

        public CommandRunner(TimeSpan timeout)
        {
            _timeout = timeout;
        }

        public CommandResult Run(string program, IReadOnlyList<string> arguments)
        {
            var commandLine = string.Join(" ", new[] { program }.Concat(arguments));
            var start = new ProcessStartInfo(program, JoinArguments(arguments))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                CreateNoWindow = true,
            };
            // Parsed output must not change with the operator's locale.
            start.Environment["LC_ALL"] = "C";

            using var process = new Process { StartInfo = start };
            process.Start();
            // Both streams are drained from the start, whole and byte for byte (a line reader would invent a final newline).
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();

            if (!process.WaitForExit((int)Math.Min(int.MaxValue, _timeout.TotalMilliseconds)))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill: nothing left to end.
                }
                process.WaitForExit(1000);
                return new CommandResult(commandLine, -1, Drained(stdout), Drained(stderr), TimedOut: true);
            }
            process.WaitForExit();
            return new CommandResult(commandLine, process.ExitCode, Drained(stdout), Drained(stderr), TimedOut: false);
        }

        // A child the program left behind may hold the pipe open after it exits; its output is not waited for long.
        private static string Drained(Task<string> reading) =>
            reading.Wait(TimeSpan.FromSeconds(2)) ? reading.Result : "";

        /// <summary>
        /// netstandard2.0 has no ArgumentList, and .NET splits the Arguments string by the Windows rules on every OS,
        /// so each argument is quoted by those rules: quotes around anything with a space or quote, and backslashes
        /// doubled only where they precede a quote.
        /// </summary>
        public static string JoinArguments(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(QuoteArgument));

        public static string QuoteArgument(string argument)
        {
            if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"')) return argument;
            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2).Append('"');
            return quoted.ToString();
        }
    }
}
