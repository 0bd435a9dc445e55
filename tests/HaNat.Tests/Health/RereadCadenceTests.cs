using HaNat.DataPlane;
using Xunit;

namespace HaNat.Tests.Health
{
    /// <summary>
    /// When the monitor's self-check reads the ruleset (an iptables-save process) or the uplink's addresses again, and
    /// when it reuses the last read: never reused without a watch, a first read, a failed read, a change, another
    /// subject, or past the safety period.
    /// </summary>
    public class RereadCadenceTests
    {
        [Fact]
        public void WhileTheKernelAnnouncesNothingAGoodReadIsReusedUntilTheSafetyPeriod()
        {
            Assert.False(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 11));
            Assert.False(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 39.9));
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 40));
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 15, safetySeconds: 5));
        }

        [Fact]
        public void AnnouncedChangeIsReadAtTheNextBeat()
        {
            Assert.True(RereadCadence.ReadNow(watching: true, changed: true, lastReadAt: 10, lastReadFailed: false, now: 10.5));
        }

        [Fact]
        public void WithoutAWatchEveryBeatReads()
        {
            // Legacy iptables, or no netlink socket: as before, a read every beat.
            Assert.True(RereadCadence.ReadNow(watching: false, changed: false, lastReadAt: 10, lastReadFailed: false, now: 10.5));
        }

        [Fact]
        public void FirstReadFailedReadAndAnotherSubjectAlwaysRead()
        {
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: null, lastReadFailed: false, now: 0));
            // A failing read (iptables-save timed out, no address yet) is not reused: the check follows the host at once.
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: true, now: 11));
            // The default route moved to another interface: its addresses are not the last one's.
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 11, sameSubject: false));
        }

        [Fact]
        public void AClockBeforeTheLastReadReads()
        {
            Assert.True(RereadCadence.ReadNow(watching: true, changed: false, lastReadAt: 10, lastReadFailed: false, now: 9));
        }
    }
}
