using System.Diagnostics;
using System.Text;

namespace HaNat.HostNat
{
    /// <summary>What one external command did.</summary>
    internal sealed class CommandResult
    {
        public CommandResult(string commandLine, int exitCode, string standardOutput, string standardError, bool timedOut)
        {
            CommandLine = commandLine;
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
            TimedOut = timedOut;
        }

        public string CommandLine { get; }
        /// <summary>-1 when the command timed out and was killed.</summary>
        public int ExitCode { get; }
        public string StandardOutput { get; }
        public string StandardError { get; }
        public bool TimedOut { get; }
        public bool Succeeded => !TimedOut && ExitCode == 0;
    }
}
