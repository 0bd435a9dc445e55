using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using HaNat.Model;
using HaNat.Peering;
using Xunit;

namespace HaNat.Tests.Peering
{
    public class PeeringWaiterTests
    {
        /// <summary>Answers each read with the next state in the script (null = not visible), on a fake clock.</summary>
        private sealed class Script
        {
            private readonly Queue<string?> _states;
            public readonly List<TimeSpan> Sleeps = new List<TimeSpan>();
            public int Reads;
            public TimeSpan Now;

            public Script(params string?[] states) => _states = new Queue<string?>(states);

            public PeeringWaiter Waiter(TimeSpan timeout) => new PeeringWaiter(
                id =>
                {
                    Reads++;
                    var state = _states.Count > 1 ? _states.Dequeue() : _states.Peek();
                    return Task.FromResult(state == null ? null : new PeeringConnectionInfo(id, "vpc-a", "r", "vpc-b", "r", state));
                },
                timeout,
                pause => { Sleeps.Add(pause); Now += pause; },
                () => Now);
        }

        private static bool IsActive(string status) => status == PeeringStatus.Active;

        [Fact]
        public void ReturnsAtOnceWhenTheStateIsReached()
        {
            var script = new Script(PeeringStatus.Active);
            var seen = script.Waiter(TimeSpan.FromSeconds(10)).Wait("pcx-1", IsActive, "active", _ => { });
            Assert.Equal(PeeringStatus.Active, seen.Status);
            Assert.Equal(1, script.Reads);
            Assert.Empty(script.Sleeps);
        }

        [Fact]
        public void WaitsThroughInvisibleAndIntermediateStatesWithGrowingPauses()
        {
            var script = new Script(null, PeeringStatus.InitiatingRequest, PeeringStatus.Provisioning, PeeringStatus.Provisioning, PeeringStatus.Active);
            var progress = new List<string>();

            script.Waiter(TimeSpan.FromSeconds(60)).Wait("pcx-1", IsActive, "active", progress.Add);

            Assert.Equal(5, script.Reads);
            Assert.Equal(new[] { 250, 500, 1000, 2000 }, script.Sleeps.Select(s => (int)s.TotalMilliseconds));
            Assert.Equal(4, progress.Count);
            Assert.Contains("not visible yet", progress[0]);
            Assert.Contains(PeeringStatus.Provisioning, progress[3]);
        }

        [Fact]
        public void PausesNeverGrowPastFiveSeconds()
        {
            var script = new Script(Enumerable.Repeat<string?>(PeeringStatus.Provisioning, 10).Append(PeeringStatus.Active).ToArray());
            script.Waiter(TimeSpan.FromMinutes(5)).Wait("pcx-1", IsActive, "active", _ => { });
            Assert.Equal(TimeSpan.FromSeconds(5), script.Sleeps.Max());
        }

        [Theory]
        [InlineData(PeeringStatus.Rejected)]
        [InlineData(PeeringStatus.Failed)]
        [InlineData(PeeringStatus.Expired)]
        [InlineData(PeeringStatus.Deleted)]
        public void ADeadStateFailsAtOnce(string dead)
        {
            var script = new Script(PeeringStatus.PendingAcceptance, dead);

            var ex = Assert.Throws<HaNatException>(() => script.Waiter(TimeSpan.FromSeconds(60)).Wait("pcx-1", IsActive, "active", _ => { }));

            Assert.Equal("PeeringFailed", ex.ErrorId);
            Assert.Contains(dead, ex.Message);
            Assert.Equal(2, script.Reads);
        }

        [Fact]
        public void GivesUpWithinTheTimeoutAndSaysHowToGoOn()
        {
            var script = new Script(PeeringStatus.Provisioning);

            var ex = Assert.Throws<HaNatException>(() => script.Waiter(TimeSpan.FromSeconds(20)).Wait("pcx-1", IsActive, "active", _ => { }));

            Assert.Equal("PeeringTimeout", ex.ErrorId);
            Assert.Contains("provisioning", ex.Message);
            Assert.Contains("Connect-HaNatVpc again", ex.Message);
            Assert.True(script.Now <= TimeSpan.FromSeconds(20), $"slept {script.Now}");
            Assert.True(script.Now >= TimeSpan.FromSeconds(10), $"gave up early, after {script.Now}");
        }
    }
}
