using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    /// <summary>
    /// Which IMDS paths each departure poll reads: the lifecycle state every poll, the spot notice and the rebalance
    /// recommendation on the first poll (a monitor started again on a leaving NAT must know before it decides) and every
    /// fifth after.
    /// </summary>
    public class DepartureWatchCadenceTests
    {
        [Fact]
        public void TheFirstPollAndEveryFifthReadTheNotices()
        {
            Assert.True(DepartureWatch.ReadsNotices(0));
            for (var poll = 1; poll < DepartureWatch.NoticeEvery; poll++) Assert.False(DepartureWatch.ReadsNotices(poll));
            Assert.True(DepartureWatch.ReadsNotices(DepartureWatch.NoticeEvery));
            Assert.True(DepartureWatch.ReadsNotices(DepartureWatch.NoticeEvery * 7));
        }
    }
}
