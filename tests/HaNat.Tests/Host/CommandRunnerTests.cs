using System;
using System.Diagnostics;
using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class CommandRunnerTests
    {
        private static readonly CommandRunner Runner = new CommandRunner(TimeSpan.FromSeconds(10));

        [Fact]
        public void CapturesExitCodeAndBothStreams()
        {
            var result = Runner.Run("/bin/sh", new[] { "-c", "echo out; echo err >&2; exit 3" });
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("out\n", result.StandardOutput);
            Assert.Equal("err\n", result.StandardError);
            Assert.False(result.Succeeded);
            Assert.False(result.TimedOut);
            Assert.StartsWith("/bin/sh -c", result.CommandLine);
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("two words")]
        [InlineData("")]
        [InlineData("a \"quoted\" word")]
        [InlineData("back\\slash")]
        [InlineData("trailing\\")]
        [InlineData("ends with \\\"")]
        public void ArgumentsArriveUnchanged(string argument)
        {
            var result = Runner.Run("/bin/sh", new[] { "-c", "printf '%s|' \"$@\"", "sh", argument, "next" });
            Assert.True(result.Succeeded, result.StandardError);
            Assert.Equal(argument + "|next|", result.StandardOutput);
        }

        [Fact]
        public void LargeOutputDoesNotHang()
        {
            var result = Runner.Run("/bin/sh", new[] { "-c", "head -c 1000000 /dev/zero | tr '\\0' 'x'; head -c 200000 /dev/zero | tr '\\0' 'y' >&2" });
            Assert.True(result.Succeeded);
            Assert.Equal(1000000, result.StandardOutput.Trim().Length);
            Assert.Equal(200000, result.StandardError.Trim().Length);
        }

        [Fact]
        public void AProgramPastItsTimeoutIsKilled()
        {
            var clock = Stopwatch.StartNew();
            var result = new CommandRunner(TimeSpan.FromMilliseconds(300)).Run("/bin/sleep", new[] { "30" });
            Assert.True(result.TimedOut);
            Assert.False(result.Succeeded);
            Assert.Equal(-1, result.ExitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }

        [Fact]
        public void OutputIsInTheCLocale()
        {
            var result = Runner.Run("/bin/sh", new[] { "-c", "echo $LC_ALL" });
            Assert.Equal("C\n", result.StandardOutput);
        }
    }
}
