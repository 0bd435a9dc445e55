using HaNat.Model;
using HaNat.Takeover;
using Xunit;

namespace HaNat.Tests.Takeover
{
    /// <summary>Make-before-break: when a NAT may take tables off a working NAT gateway.</summary>
    public class HandoverReadinessTests
    {
        [Fact]
        public void EveryCheckPassingOrSkippedMeansReady()
        {
            Assert.Null(HandoverReadiness.HoldBecause(new[]
            {
                new DataPlaneCheck(DataPlaneCheck.IpForward, true, "net.ipv4.ip_forward=1"),
                new DataPlaneCheck(DataPlaneCheck.EgressProbe, true, "skipped: no -ProbeTarget"),
            }));
        }

        [Fact]
        public void AFailingCheckHoldsAndSaysWhich()
        {
            var hold = HandoverReadiness.HoldBecause(new[]
            {
                new DataPlaneCheck(DataPlaneCheck.IpForward, true, "net.ipv4.ip_forward=1"),
                new DataPlaneCheck(DataPlaneCheck.Masquerade, false, "no hanat MASQUERADE rule for 10.0.0.0/16 out eth0"),
            });
            Assert.NotNull(hold);
            Assert.Contains("data-plane check failed", hold);
            Assert.Contains("Masquerade: no hanat MASQUERADE rule", hold);
            Assert.DoesNotContain("IpForward", hold);
        }

        [Fact]
        public void ADeclinedSetUpHolds() => Assert.Equal("this NAT's host set-up was declined", HandoverReadiness.HostNotSetUp("was declined"));
    }
}
