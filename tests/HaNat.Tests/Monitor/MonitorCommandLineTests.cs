using System;
using System.Linq;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// The hanat-monitor executable's arguments: Start-HaNatMonitor's parameters by the same names, ranges and
    /// defaults, and a clear InvalidArgument for every mistake.
    /// </summary>
    public class MonitorCommandLineTests
    {
        private static MonitorCommandLine Parse(params string[] args) => MonitorCommandLine.Parse(args);

        private static HaNatException Refused(params string[] args) => Assert.Throws<HaNatException>(() => Parse(args));

        [Fact]
        public void NoArgumentsGiveTheCmdletsDefaults()
        {
            var line = Parse();
            Assert.False(line.Help);
            // The cmdlet's defaults are these constants too (tests/pester/Monitor.Units.Tests.ps1 compares the two hosts).
            Assert.Equal(FailoverSettings.DefaultIntervalSeconds, line.Monitor.IntervalSeconds);
            Assert.Equal(FailoverSettings.DefaultMissedHeartbeats, line.Monitor.MissedHeartbeats);
            Assert.Equal(0.2, line.Monitor.IntervalSeconds);
            Assert.Equal(5, line.Monitor.MissedHeartbeats);
            Assert.Null(line.Monitor.SelfCheckSeconds); // the settings' default: the interval, at least 0.5 s
            Assert.Equal(4747, line.Monitor.Port);
            Assert.Null(line.Monitor.Probe);
            Assert.Null(line.Monitor.PrivateSubnetTag); // the deployment's, read from the instance's tags
            Assert.Equal(30, line.Monitor.PeerRefreshSeconds);
            Assert.Equal(120, line.Monitor.UnhealthyGraceSeconds);
            Assert.Equal(20, line.Monitor.HandoverTimeoutSeconds);
            Assert.False(line.Monitor.Once);
            Assert.False(line.Monitor.NoMetrics); // metrics are published unless -NoMetrics
            Assert.False(line.Monitor.LogAwsCalls);
            Assert.Null(line.Session.Region);
            Assert.Null(line.Session.EndpointUrl);
        }

        [Fact]
        public void TakesTheCmdletsParametersInAnyCaseAndForm()
        {
            var line = Parse("-ProbeTarget", "10.0.0.1:80", "-intervalseconds", "0.5", "--MissedHeartbeats", "4", "-SelfCheckSeconds", "1.5", "-Port:4800",
                "-PrivateSubnetTag", "tier=app", "-HeartbeatKeyParameter", "/hanat/x/key", "-PeerRefreshSeconds", "10",
                "-UnhealthyGraceSeconds", "0", "-HandoverTimeoutSeconds", "5", "-Once", "-Verbose",
                "-Region", "eu-west-1", "-EndpointUrl", "http://10.99.255.1:5000", "-AccessKey", "a", "-SecretKey", "s", "-SessionToken", "t");
            Assert.Equal("10.0.0.1:80", line.Monitor.Probe!.Target);
            Assert.Equal(0.5, line.Monitor.IntervalSeconds);
            Assert.Equal(4, line.Monitor.MissedHeartbeats);
            Assert.Equal(1.5, line.Monitor.SelfCheckSeconds);
            Assert.Equal(4800, line.Monitor.Port);
            Assert.Equal("tier=app", line.Monitor.PrivateSubnetTag!.ToString());
            Assert.Equal("/hanat/x/key", line.Monitor.HeartbeatKeyParameter);
            Assert.Equal(10, line.Monitor.PeerRefreshSeconds);
            Assert.Equal(0, line.Monitor.UnhealthyGraceSeconds);
            Assert.Equal(5, line.Monitor.HandoverTimeoutSeconds);
            Assert.True(line.Monitor.Once);
            Assert.True(line.Monitor.LogAwsCalls);
            Assert.Equal("eu-west-1", line.Session.Region);
            Assert.Equal("http://10.99.255.1:5000", line.Session.EndpointUrl);
            Assert.Equal(("a", "s", "t"), (line.Session.AccessKey, line.Session.SecretKey, line.Session.SessionToken));
        }

        [Fact]
        public void AnEmptyProbeTargetSkipsTheProbeAsTheCmdletDoes()
        {
            Assert.Null(Parse("-ProbeTarget", "").Monitor.Probe);
        }

        [Fact]
        public void ASwitchTakesAnExplicitValue()
        {
            Assert.False(Parse("-Once:false").Monitor.Once);
            Assert.True(Parse("-Once:true").Monitor.Once);
            Assert.Equal("InvalidValue", Refused("-Once:maybe").ErrorId);
        }

        [Theory]
        [InlineData("--help")]
        [InlineData("-h")]
        [InlineData("-?")]
        [InlineData("-Help")]
        public void HelpIsAskedFor(string arg)
        {
            Assert.True(Parse(arg).Help);
        }

        [Fact]
        public void NoMetricsTurnsThePublishingOff()
        {
            Assert.True(Parse("-NoMetrics").Monitor.NoMetrics);
            Assert.True(Parse("--nometrics").Monitor.NoMetrics);
            Assert.False(Parse("-NoMetrics:false").Monitor.NoMetrics);
        }

        [Fact]
        public void TheUsageNamesEveryParameter()
        {
            foreach (var name in MonitorCommandLine.ParameterNames) Assert.Contains("-" + name + " ", MonitorCommandLine.Usage + " ");
        }

        [Theory]
        [InlineData("UnknownParameter", "-Bogus", "1")]
        [InlineData("UnexpectedArgument", "10.0.0.1:80")]
        [InlineData("UnexpectedArgument", "--")]
        [InlineData("MissingValue", "-ProbeTarget")]
        [InlineData("MissingValue", "-Region", "-Once")]
        [InlineData("DuplicateParameter", "-Port", "1", "-port", "2")]
        [InlineData("InvalidValue", "-IntervalSeconds", "fast")]
        [InlineData("InvalidValue", "-MissedHeartbeats", "2.5")]
        [InlineData("InvalidValue", "-Region", " ")]
        [InlineData("ValueOutOfRange", "-IntervalSeconds", "0")]
        [InlineData("ValueOutOfRange", "-IntervalSeconds", "61")]
        [InlineData("ValueOutOfRange", "-MissedHeartbeats", "0")]
        [InlineData("ValueOutOfRange", "-Port", "65536")]
        [InlineData("ValueOutOfRange", "-PeerRefreshSeconds", "0.5")]
        [InlineData("ValueOutOfRange", "-UnhealthyGraceSeconds", "-1")]
        [InlineData("ValueOutOfRange", "-HandoverTimeoutSeconds", "601")]
        [InlineData("InvalidProbeTarget", "-ProbeTarget", "nowhere")]
        [InlineData("InvalidPrivateSubnetTag", "-PrivateSubnetTag", "=x")]
        public void RefusesAMistakeWithAnErrorThatSaysWhatToDo(string errorId, params string[] args)
        {
            var ex = Refused(args);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(HaNatErrorKind.InvalidArgument, ex.Kind);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }

        [Fact]
        public void ANegativeNumberIsAValueNotAParameter()
        {
            // -UnhealthyGraceSeconds -1 must say "out of range", not "needs a value".
            Assert.Equal("ValueOutOfRange", Refused("-UnhealthyGraceSeconds", "-1").ErrorId);
        }

        [Fact]
        public void AnOutOfRangeValueNamesTheRange()
        {
            var ex = Refused("-IntervalSeconds", "0");
            Assert.Contains("-IntervalSeconds", ex.Message);
            Assert.Contains("0.05 to 60", ex.Message);
        }
    }
}
