namespace HaNat.HostNat
{
    /// <summary>What one external command did.</summary>
    /// <param name="ExitCode">-1 when the command timed out and was killed.</param>
    internal sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError,
        bool TimedOut)
    {
        public bool Succeeded => !TimedOut && ExitCode == 0;
    }
}
