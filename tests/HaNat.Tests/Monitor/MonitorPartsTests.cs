using System;
using System.Collections.Generic;
using HaNat.Monitor;
using HaNat.Routing;
using Xunit;

namespace HaNat.Tests.Monitor
{
    public class MonitorPartsTests
    {
        [Fact]
        public void LogLinesAreOneLineOfKeyValuePairs()
        {
            var line = MonitorLog.Format("takeover", new (string, object?)[] { ("zone", "us-east-1b"), ("ms", 123), ("skipped", null), ("detail", "a b=\"c\"\nd") });
            Assert.Equal("hanat-monitor event=takeover zone=us-east-1b ms=123 detail=\"a b=\\\"c\\\" d\"", line);
            Assert.DoesNotContain("\n", line);
        }

        [Fact]
        public void SettingsRefuseAnIntervalOrKOfZero()
        {
            // The timings that follow from them: FastDetectionTests.EveryTimingFollowsTheIntervalAndK.
            Assert.Throws<ArgumentOutOfRangeException>(() => new FailoverSettings(0, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => new FailoverSettings(1, 0));
        }

        [Fact]
        public void RouteOwnershipIsTheOneInstanceAZonesPrivateSubnetsUse()
        {
            DefaultRoute To(string id, bool blackhole = false) => new DefaultRoute(RouteTargetKind.Instance, id, id, null, blackhole);
            var subnets = new[]
            {
                new SubnetInfo("subnet-a1", "us-east-1a", "10.0.1.0/24"), new SubnetInfo("subnet-a2", "us-east-1a", "10.0.2.0/24"),
                new SubnetInfo("subnet-b1", "us-east-1b", "10.0.3.0/24"), new SubnetInfo("subnet-b2", "us-east-1b", "10.0.4.0/24"),
                new SubnetInfo("subnet-c1", "us-east-1c", "10.0.5.0/24"), new SubnetInfo("subnet-d1", "us-east-1d", "10.0.6.0/24"),
            };
            var tables = new[]
            {
                new RouteTableInfo("rtb-a", false, new[] { "subnet-a1", "subnet-a2" }, To("i-a")),
                new RouteTableInfo("rtb-b1", false, new[] { "subnet-b1" }, To("i-a")),
                new RouteTableInfo("rtb-b2", false, new[] { "subnet-b2" }, To("i-b")),
                new RouteTableInfo("rtb-c", false, new[] { "subnet-c1" }, To("i-c", blackhole: true)),
                new RouteTableInfo("rtb-main", true, new string[0], null),
            };
            var owners = RouteOwnership.Compute(new VpcSnapshot("vpc-1", subnets, tables));
            Assert.Equal("i-a", owners["us-east-1a"]);
            Assert.Null(owners["us-east-1b"]);
            Assert.Null(owners["us-east-1c"]);
            Assert.Null(owners["us-east-1d"]);
        }

        [Fact]
        public void SigtermIsCancellableOnThisRuntime()
        {
            // net10 has PosixSignalRegistration: the reflection must find it, or SIGTERM would kill pwsh with 143.
            using var signal = StopSignal.Register(() => { }, () => { });
            Assert.True(signal.Cancellable);
        }
    }
}
